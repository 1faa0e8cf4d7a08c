#!/usr/bin/env python3
"""Accuracy of `litgraph refs` on real data, beyond the five seeds.

1. Extraction: synthetic articles made of real PubMed abstracts followed by the
   real reference list of a real PubMed article (from
   data/citations/pubmed_referencelist_AD.tsv.gz), in three layouts: numbered
   under a "References" heading, bare lines with no heading, and bullets.
   Reports entries expected, found and extra per layout.
2. False positives: every title and abstract line of the BC5CDR and
   NCBI-disease corpora, which hold no reference lists; every entry found there
   is wrong.
3. Fields: the journal articles of anystyle's hand-tagged reference strings
   (data/citations/anystyle-core.xml), one per line under a heading; year,
   title, container, volume and first page compared with the tags.

Usage: bench/refs_eval.py [--litgraph build/cli/litgraph] [--shared ../shared] [--articles 300]
Only the standard library; deterministic (fixed seed).
"""
import argparse
import collections
import csv
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))


def run_refs(litgraph, folder):
    out = subprocess.run([litgraph, "refs", "--json", folder], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"litgraph refs failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout)["references"]


def prose_lines(shared):
    lines = []
    for path in ("data/bc5cdr/CDR_TrainingSet.PubTator.txt", "data/ncbi-disease/NCBItrainset_corpus.txt"):
        with open(os.path.join(shared, path), encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^\d+\|[ta]\|(.*)$", line.rstrip("\n"))
                if m and m.group(1).strip():
                    lines.append(m.group(1))
    return lines


def extraction(litgraph, shared, articles, tmp, rng, show_missed=0):
    lists = collections.defaultdict(list)
    with gzip.open(os.path.join(shared, "data/citations/pubmed_referencelist_AD.tsv.gz"), "rt",
                   encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        for row in reader:
            lists[row[0]].append(row[2])
    abstracts = [l for l in prose_lines(shared) if len(l) > 200]
    citing = rng.sample(sorted(lists), min(articles, len(lists)))
    layouts = ("numbered, heading", "bare lines, no heading", "bullets, no heading")
    expected = {}
    folder = os.path.join(tmp, "articles")
    os.makedirs(folder)
    for i, pmid in enumerate(citing):
        layout = i % 3
        name = f"a{i:05d}.txt"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            for paragraph in rng.sample(abstracts, 3):
                out.write(paragraph + "\n\n")
            if layout == 0:
                out.write("References\n\n")
            for k, citation in enumerate(lists[pmid]):
                prefix = (f"{k + 1}. ", "", "  \u2022 ")[layout]
                out.write(prefix + citation + "\n")
            out.write("\nShare this article\nCall us: 555-123-4567\n")
        expected[name] = (layout, len(lists[pmid]))
    refs = run_refs(litgraph, folder)
    found = collections.Counter(os.path.basename(r["source"]) for r in refs)
    if show_missed:
        lines_found = {(os.path.basename(r["source"]), r["line"]) for r in refs}
        for name in sorted(expected):
            if found[name] >= expected[name][1]:
                continue
            text = open(os.path.join(folder, name), encoding="utf-8").read().split("\n")
            first = 7 + (2 if expected[name][0] == 0 else 0)
            for line in range(first, first + expected[name][1]):
                if (name, line) not in lines_found and show_missed > 0:
                    print(f"  missed {name}:{line}: {text[line - 1][:150]}")
                    show_missed -= 1
    rows = []
    for layout, title in enumerate(layouts):
        names = [n for n, (l, _) in expected.items() if l == layout]
        want = sum(expected[n][1] for n in names)
        got = sum(min(found[n], expected[n][1]) for n in names)
        extra = sum(max(0, found[n] - expected[n][1]) for n in names)
        rows.append((title, len(names), want, got, extra))
    return rows


def false_positives(litgraph, shared, tmp):
    lines = prose_lines(shared)
    folder = os.path.join(tmp, "prose")
    os.makedirs(folder)
    with open(os.path.join(folder, "abstracts.txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    return len(lines), len(run_refs(litgraph, folder))


def fold(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def fields(litgraph, shared, tmp):
    root = ET.parse(os.path.join(shared, "data/citations/anystyle-core.xml")).getroot()
    gold = []
    for seq in root:
        tags = {}
        for child in seq:
            tags.setdefault(child.tag, (child.text or "").strip())
        if not {"author", "title", "journal", "date"} <= tags.keys():
            continue
        text = " ".join((c.text or "").strip() for c in seq if c.tag != "citation-number")
        year = re.search(r"(1[89]\d\d|20[0-3]\d)", tags["date"])
        volume = re.match(r"\D*(\d+)", tags.get("volume", ""))
        page = re.match(r"\D*?([A-Za-z]?\d+)", tags.get("pages", ""))
        gold.append({
            "text": " ".join(text.split()),
            "year": int(year.group(1)) if year else None,
            "title": fold(tags["title"]),
            "container": fold(tags["journal"]),
            "volume": volume.group(1) if volume else None,
            "first_page": page.group(1) if page else None,
        })
    folder = os.path.join(tmp, "tagged")
    os.makedirs(folder)
    with open(os.path.join(folder, "tagged.txt"), "w", encoding="utf-8") as out:
        out.write("References\n")
        for k, g in enumerate(gold):
            out.write(f"{k + 1}. {g['text']}\n")
    by_line = {r["line"]: r for r in run_refs(litgraph, folder)}
    scores = collections.OrderedDict((f, [0, 0]) for f in ("year", "title", "container", "volume", "first_page"))
    for k, g in enumerate(gold):
        r = by_line.get(k + 2, {})
        got = {
            "year": r.get("year"),
            "title": fold(r.get("title")),
            "container": fold(r.get("container")),
            "volume": (re.match(r"\D*(\d+)", r.get("volume") or "") or [None, None])[1],
            "first_page": r.get("first_page"),
        }
        for f in scores:
            if g[f] in (None, ""):
                continue
            scores[f][1] += 1
            scores[f][0] += got[f] == g[f]
    return len(gold), len(by_line), scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--litgraph", default=os.path.join(HERE, "..", "build", "cli", "litgraph"))
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--show-missed", type=int, default=0, metavar="N",
                        help="print up to N reference lines that extraction missed")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="litgraph-eval-") as tmp:
        print("extraction: real PubMed reference lists after real abstracts")
        print(f"  {'layout':<24}{'articles':>9}{'entries':>9}{'found':>9}{'recall':>8}{'extra':>7}")
        for title, n, want, got, extra in extraction(args.litgraph, args.shared, args.articles, tmp, rng,
                                                    args.show_missed):
            print(f"  {title:<24}{n:>9}{want:>9}{got:>9}{got / max(want, 1):>8.3f}{extra:>7}")
        lines, wrong = false_positives(args.litgraph, args.shared, tmp)
        print(f"\nfalse positives: {wrong} entries found in {lines} abstract lines (BC5CDR, NCBI-disease)")
        n, found, scores = fields(args.litgraph, args.shared, tmp)
        print(f"\nfields: {n} tagged journal references (anystyle-core.xml), {found} extracted")
        for f, (ok, total) in scores.items():
            print(f"  {f:<12}{ok / max(total, 1):>7.3f}  {ok:>4} / {total}")


if __name__ == "__main__":
    main()
