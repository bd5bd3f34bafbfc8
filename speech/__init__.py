"""SSML building and validation, and local voice input and output."""
