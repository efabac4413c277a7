"""The archive layer: scanning, parsing, photos, selection and export. Imports no Qt."""
