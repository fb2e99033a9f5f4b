"""The JSON article record, in one place: built from a page, stored, versioned, rebuilt, checked.

- :mod:`~archiver.records.build`: the record of an extracted page (its fields, its id);
- :mod:`~archiver.records.pages`: which fetched pages get a record, and extracting one;
- :mod:`~archiver.records.store`: one file per record under ``records/``;
- :mod:`~archiver.records.versions`: earlier versions of changed articles;
- :mod:`~archiver.records.catalog`: every record file of an archive at a glance (``archiver list``);
- :mod:`~archiver.records.schema`: the JSON Schema shipped with the package;
- :mod:`~archiver.records.pointer`, :mod:`~archiver.records.validate`: checks of a record file
  and of its pointer into the WARC (``archiver validate``);
- :mod:`~archiver.records.rebuild`: records rebuilt from WARC files (``archiver reindex``).

The crawl's record pipeline (:mod:`archiver.pipelines.records`) is the Scrapy side of it.
"""
