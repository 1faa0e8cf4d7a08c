#!/usr/bin/env python3
"""Derives schema/vocabulary/mesh2024.tsv from the MeSH 2024 descriptor table.

The program ships this subset so that it can tag text without ../shared: the
descriptors that Vocabulary::load() types as drug, condition or receptor, in
the table's order and format, nothing else. The typing rule below must agree
with schema/src/vocabulary.cpp; tests/schema/vocabulary_test.cpp checks that
loading this file and loading the full table give the same entities.

usage: scripts/make-vocabulary.py [MESH_DESCRIPTORS_TSV] [OUTPUT_TSV]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_INPUT = os.path.join(HERE, "..", "..", "shared", "data", "mesh", "mesh2024_descriptors.tsv")
DEFAULT_OUTPUT = os.path.join(HERE, "..", "schema", "vocabulary", "mesh2024.tsv")

HEADER = "DescriptorUI\tDescriptorName\tTreeNumbers\tEntryTerms\tPharmacologicalActions"
RECEPTOR_TREES = ("D12.776.543.750", "D12.776.826", "D12.776.157.530.400",
                  "D12.776.543.550.450", "D12.776.543.585.400")


def in_tree(number, root):
    return number == root or number.startswith(root + ".")


def typed(tree_numbers):
    if not tree_numbers:
        return True  # a category heading ("Neoplasms"): curated.tsv may type it
    for number in tree_numbers:
        if any(in_tree(number, root) for root in RECEPTOR_TREES):
            return True
        if number.startswith("C") or in_tree(number, "F03") or number.startswith("D"):
            return True
    return False


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_INPUT
    target = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    kept = 0
    with open(source, encoding="utf-8", newline="") as rows:
        header = rows.readline().rstrip("\r\n")
        if header != HEADER:
            sys.exit(f"{source}:1: error: expected the header {HEADER}")
        temporary = target + ".tmp"
        with open(temporary, "w", encoding="utf-8", newline="\n") as out:
            out.write(HEADER + "\n")
            for line in rows:
                line = line.rstrip("\r\n")
                if not line:
                    continue
                fields = line.split("\t")
                trees = [t for t in fields[2].split("|") if t] if len(fields) > 2 else []
                if typed(trees):
                    out.write(line + "\n")
                    kept += 1
        os.replace(temporary, target)
    print(f"{target}: {kept} descriptors", file=sys.stderr)


if __name__ == "__main__":
    main()
