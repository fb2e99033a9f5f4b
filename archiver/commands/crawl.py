"""``scrapy crawl observatory -a start=URL``: a site crawl run, as ``archiver crawl`` runs it.

The site spider's runs go through :func:`archiver.crawl.run.run_site_crawl` (the
site's lock, the repair of a killed run's WARC files, the summary and the exit code
of ``archiver crawl``); other spiders run as Scrapy's own ``crawl`` runs them.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from archiver.cli.crawl import print_run
from archiver.crawl.run import SITE_SPIDER, run_site_crawl
from archiver.profiles import ProfileError, resolve_profile


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args != [SITE_SPIDER] or self.settings is None:
            super().run(args, opts)
            return
        spargs = dict(opts.spargs)
        target, profile = spargs.get("start") or spargs.get("profile"), spargs.get("profile")
        if not target:
            raise UsageError("give -a start=URL or -a start=PROFILE (or -a profile=PROFILE)")
        try:
            site = resolve_profile(target, self.settings.getlist("ARCHIVER_SITES_DIRS"),
                                   profile if spargs.get("start") else None)  # fmt: skip
        except ProfileError as exc:
            raise UsageError(str(exc)) from None
        assert self.crawler_process
        run = run_site_crawl(self.settings, site.name, process=self.crawler_process, **spargs)
        self.exitcode = print_run(run) or (1 if self.crawler_process.bootstrap_failed else 0)
