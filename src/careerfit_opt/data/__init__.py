"""Data sources: the bundled catalogues, the O*NET importer, action files, synthetic generators."""
