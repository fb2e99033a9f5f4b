"""The JSON article record, in one place: built from a page, stored, versioned, rebuilt, checked.

- :mod:`~archiver.records.build`: the record of an extracted page (its fields, its id);
- :mod:`~archiver.records.store`: one file per record under ``records/``;
- :mod:`~archiver.records.versions`: earlier versions of changed articles;
- :mod:`~archiver.records.schema`: the JSON Schema shipped with the package;
- :mod:`~archiver.records.pointer`: following a record's pointer into its WARC;
- :mod:`~archiver.records.rebuild`: records rebuilt from WARC files (``archiver reindex``).
"""
