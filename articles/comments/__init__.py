"""Readers' comments on articles: pre-moderated, with replies one level deep."""
