"""The command line: scan, index, search, show, export. Imports no Qt."""
