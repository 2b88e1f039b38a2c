"""Editing the knowledge base from the command line, the way a reviewer can read in a diff.

`scaffold` writes a new protocol to fill in (`protocols new`); `status` records
that a decision was carried out by changing only the lines of its status
(`protocols status`); `cli` is the click edge of both.
"""
