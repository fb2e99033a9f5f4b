"""The archiver's ``scrapy`` commands (``COMMANDS_MODULE``): ``scrapy crawl`` runs a site crawl as ``archiver crawl`` does."""
