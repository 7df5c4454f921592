"""Names the TEI reader and the TEI writer share."""

from __future__ import annotations

TEI_NAMESPACE = "http://www.tei-c.org/ns/1.0"
APPLICATION_ID = "collate"
"""``application/@ident`` of the TEI files collate writes, by which it knows them again."""
