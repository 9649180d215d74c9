"""One reader per kind of file; each returns lines to rebuild (PDF, text) or blocks read from structure."""
