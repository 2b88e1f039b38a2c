"""Importing existing protocols (.docx, .txt, .md) as draft protocol files: `protocols import`.

One document goes through these steps, each a module that owns it:

* `reading` — the file into numbered lines and table rows (python-docx with
  Word's numbering labels from `docx_numbering`; encodings detected with
  charset-normalizer);
* `cleaning` — conversion artifacts out of each line;
* `layout` — the signs of protocol structure, and broken lines read together;
* `repeats` — a block that repeats an earlier one;
* `structure` — the walk over the lines: header, participants, agenda,
  decisions with their labels, signatures (texts only), into `parsed`; it
  leaves to small recognisers the header (`header`), the labels of a
  decision (`labels`) and table rows (`tables`);
* `names` — names of people and organizations found and matched to the registry;
* `authorities` — the authority: found in the registry, or proposed as new;
* `linking` — ids, deadlines (also one written inside the sentence:
  `sentence_deadlines`), assignees, responsible people, proposals for
  unknown names, review items;
* `writing` — the draft file and the proposals file, checked with the
  knowledge base's own pipeline before they are written;
* `importing` — the steps together, one outcome per document; `cli` — the command.

The user's guide is docs/import.md.
"""
