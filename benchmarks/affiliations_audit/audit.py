"""Error audit of provider-name matching on the Leipzig "Affiliations" gold standard.

    python benchmarks/affiliations_audit/audit.py [--data DIR] [--show N]

Reads the data as ``benchmarks/dedup_providers.py`` does (reference only, never copied into
the project), labels every string with the institution it names from the hand labels in
``labels.py``, and sorts the matcher's errors against the gold clusters' pairs (at the
benchmark's default threshold, 90) into categories:

- a: missed pair of two different institutions (gold noise: no name matcher should find it);
- b: missed pair of one institution that needs outside knowledge (an acronym, an alias);
- c: missed pair of one institution that a generic rule could catch (a typo, a department);
- d: false pair of one institution (gold noise: the gold splits it);
- e: false pair of two different institutions (the matcher's real errors);
- f: a pair with an ambiguous string (one naming two institutions, or only a system or city).

It then scores hypothetical matchers against the gold: the ceiling fixes b and c and removes
e; the upper bound also resolves every ambiguous pair the gold's way. It scores the current
matcher against a corrected gold built from the labels, and prints the biggest groups of each
category (``--show N`` of them). Nothing is written.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dedup_providers import DEFAULT, gold_clusters, load, predicted_identities  # noqa: E402
from labels import ALT, AMBIGUOUS, FRAGMENT_REASONS, OVERRIDE, RULES, SITE_RULES  # noqa: E402
from pairwise import pairs_of, pairwise  # noqa: E402

Pair = tuple[str, str]

# The fragment reasons in labels.py were judged on the prediction at this threshold.
THRESHOLD = 90.0
TARGET_F1 = 0.95

CATEGORIES = {
    "a": "missed, different institutions (gold noise)",
    "b": "missed, same institution, needs outside knowledge",
    "c": "missed, same institution, a generic rule could catch",
    "d": "false, same institution (gold splits it)",
    "e": "false, different institutions (real matcher errors)",
    "f": "involving an ambiguous string",
    "?": "UNANNOTATED",
    "u": "unlabelled (gold-default label)",
}
UNANNOTATED = "?: unannotated fragment"

# A string's institution is most often named in the first comma-separated part that holds
# one of these words and does not start like a sub-unit ("Department of ...").
_INSTITUTION_WORD = re.compile(
    r"Univ|Institut|College|Polytechn|Politecn|Lab|Research|Corp|Inc\b|Technion|School"
    r"|Center|Centre|Academy",
    re.I,
)
_SUB_UNIT = re.compile(
    r"^(the )?(dep(artment|t)|dip|division|school of (comp|info|elec)|faculty|lab(oratory)?\b"
    r"|computer sci|cs\b|college of comp|institut(e)? (for|of|f)|center for|room|data"
    r"|lehrstuhl)",
    re.I,
)
_EMAIL_TAIL = re.compile(r";?\s*\(?e-?mail.*$", re.I)
_EMAIL_ADDRESS = re.compile(r"\S*@\S*")


@dataclass(frozen=True)
class StringLabel:
    """What one affiliation string names.

    ``source`` is how the label was reached: "rule" (one rule matched), "rule-multi" (rules of
    two institutions matched: ambiguous), "hand-override", or "gold-default" (no rule
    matched: the gold cluster's draft name, prefixed "G:").
    """

    institution: str
    site: str
    alt: str
    source: str
    note: str


def institution_segment(name: str) -> str:
    """The part of an affiliation string most likely to name its institution."""
    text = html.unescape(name).split(";")[0]
    parts = [part.strip() for part in text.split(",") if part.strip()]
    named = [
        part for part in parts if _INSTITUTION_WORD.search(part) and not _SUB_UNIT.search(part)
    ]
    return (named or parts or [text])[0]


def draft_names(names: dict[str, str], truth: dict[str, str]) -> dict[str, str]:
    """Gold cluster -> its draft name: the institution segment most of its strings share."""
    segments: dict[str, Counter[str]] = defaultdict(Counter)
    for key, cluster in truth.items():
        segments[cluster][institution_segment(names[key])] += 1
    return {cluster: counts.most_common(1)[0][0] for cluster, counts in segments.items()}


def label_strings(names: dict[str, str], truth: dict[str, str]) -> dict[str, StringLabel]:
    """String id -> its label, from ``labels.py``; unmatched strings get the gold's draft."""
    rules = [(label, re.compile(pattern, re.I)) for label, pattern in RULES]
    site_rules = {
        label: [(site, re.compile(pattern, re.I)) for site, pattern in sites]
        for label, sites in SITE_RULES.items()
    }
    draft = draft_names(names, truth)
    labels: dict[str, StringLabel] = {}
    for key, name in names.items():
        text = _EMAIL_ADDRESS.sub("", _EMAIL_TAIL.sub("", html.unescape(name)))
        hits = list(dict.fromkeys(label for label, rule in rules if rule.search(text)))
        if key in OVERRIDE:
            (institution, note), source = OVERRIDE[key], "hand-override"
        elif len(hits) == 1:
            institution, note, source = hits[0], "", "rule"
        elif hits:
            institution, source = AMBIGUOUS, "rule-multi"
            note = "names two institutions: " + " + ".join(hits)
        else:
            institution, source = "G:" + draft[truth[key]], "gold-default"
            note = "no rule; the gold cluster's draft name"
        site = next(
            (site for site, rule in site_rules.get(institution, []) if rule.search(text)),
            institution,
        )
        labels[key] = StringLabel(institution, site, ALT.get(key, institution), source, note)
    return labels


class Fragments:
    """How the prediction splits each site's strings: a fragment is (site or institution,
    predicted cluster), the main fragment of a site is its largest."""

    def __init__(self, labels: dict[str, StringLabel], predicted: dict[str, str]) -> None:
        self.sizes: dict[str, Counter[str]] = defaultdict(Counter)
        for key, label in labels.items():
            self.sizes[label.site][predicted[key]] += 1
        self.main = {
            site: max(counts.items(), key=lambda item: (item[1], item[0]))[0]
            for site, counts in self.sizes.items()
        }

    def blamed(self, a: StringLabel, b: StringLabel, cluster_a: str, cluster_b: str) -> Pair:
        """The fragment a missed pair of one institution is blamed on: the one that is not
        the main fragment (of two such, the smaller); across two sites, the smaller."""
        if a.site != b.site:

            def size(cluster: str) -> tuple[int, str]:
                return self.sizes[a.site][cluster] + self.sizes[b.site][cluster], cluster

            return a.institution, min(cluster_a, cluster_b, key=size)
        site = a.site
        if cluster_a == self.main[site]:
            return site, cluster_b
        if cluster_b == self.main[site]:
            return site, cluster_a
        return site, min(
            cluster_a, cluster_b, key=lambda cluster: (self.sizes[site][cluster], cluster)
        )


@dataclass
class Classification:
    """Each error pair's (kind, category), kind "missed" or "false", and the groups counted
    per category for the listings (``"b_rule"``, ``"c_rule"``: per fragment reason)."""

    category: dict[Pair, tuple[str, str]]
    groups: dict[str, Counter[str]]

    def pairs(self, kind: str, category: str) -> set[Pair]:
        return {pair for pair, found in self.category.items() if found == (kind, category)}


def _unjudged(kind: str, a: StringLabel, b: StringLabel) -> tuple[str, str] | None:
    """(category, group) of a ``kind`` ("missed", "false") pair the labels cannot judge: one
    string is ambiguous (f) or has only the gold's draft label (u); else None."""
    if AMBIGUOUS in (a.institution, b.institution):
        return "f", f"{kind}, ambiguous string"
    if "gold-default" in (a.source, b.source):
        return "u", kind
    return None


def classify(
    names: dict[str, str],
    gold: set[Pair],
    found: set[Pair],
    predicted: dict[str, str],
    labels: dict[str, StringLabel],
) -> Classification:
    """Sort missed and false pairs into categories a to f by the labels of their strings."""
    fragments = Fragments(labels, predicted)
    reason_of: dict[Pair, str] = {}
    for key, reason in FRAGMENT_REASONS.items():
        reason_of[(labels[key].site, predicted[key])] = reason
        reason_of[(labels[key].institution, predicted[key])] = reason

    result = Classification({}, defaultdict(Counter))
    for a, b in sorted(gold - found):
        label_a, label_b = labels[a], labels[b]
        if unjudged := _unjudged("missed", label_a, label_b):
            category, group = unjudged
        elif label_a.institution != label_b.institution:
            category, group = "a", " ~ ".join(sorted((label_a.institution, label_b.institution)))
        else:
            fragment = fragments.blamed(label_a, label_b, predicted[a], predicted[b])
            reason = reason_of.get(fragment, UNANNOTATED)
            category = reason[0]
            result.groups[category + "_rule"][reason] += 1
            group = f"{label_a.institution} | {names[a][:45]} ~ {names[b][:45]}"
        result.category[(a, b)] = ("missed", category)
        result.groups[category][group] += 1
    for a, b in sorted(found - gold):
        label_a, label_b = labels[a], labels[b]
        if unjudged := _unjudged("false", label_a, label_b):
            category, group = unjudged
        elif label_a.institution == label_b.institution:
            category, group = "d", label_a.institution
        else:
            category, group = "e", " ~ ".join(sorted((label_a.institution, label_b.institution)))
        result.category[(a, b)] = ("false", category)
        result.groups[category][group] += 1
    return result


def print_scores(
    title: str, scores: tuple[float, float, float], width: int, extra: str = ""
) -> None:
    precision, recall, f1 = scores
    print(f"  {title:{width}} P {precision:.3f} R {recall:.3f} F1 {f1:.3f}{extra}")


def print_categories(classified: Classification) -> None:
    """The error mass (pairs) of each category, as a share of the missed or false pairs."""
    print("\n== error mass by category (pairs)")
    count = Counter(classified.category.values())
    for kind, categories in (("missed", "abcf?u"), ("false", "def?u")):
        total = sum(n for (k, _), n in count.items() if k == kind)
        for category in categories:
            n = count[(kind, category)]
            if n:
                print(f"  {kind:6} {category}: {n:5}  ({n / total:5.1%})  {CATEGORIES[category]}")
        labelled = 1 - count[(kind, "u")] / total
        print(f"  {kind:6} total {total}; hand-labelled share {labelled:.1%}")


def gold_noise_to_fit(fixed: set[Pair], gold: set[Pair], missed_a: int, false_d: int) -> int:
    """How many gold-noise pairs (a: to find, d: to leave out) a matcher predicting ``fixed``
    must also fit to reach ``TARGET_F1``, taking whichever raises F1 more each time."""
    true, wrong, size = len(fixed & gold), len(fixed - gold), len(gold)

    def f1(true: int, wrong: int) -> float:
        return 2 * true / (true + wrong + size)

    fitted = 0
    while f1(true, wrong) < TARGET_F1 and (missed_a or false_d):
        if false_d and (not missed_a or f1(true, wrong - 1) >= f1(true + 1, wrong)):
            false_d, wrong = false_d - 1, wrong - 1
        else:
            missed_a, true = missed_a - 1, true + 1
        fitted += 1
    return fitted


def print_hypothetical(
    gold: set[Pair], found: set[Pair], labels: dict[str, StringLabel], classified: Classification
) -> None:
    """Matchers that fix some categories, scored against the gold clusters' pairs."""
    print("\n== hypothetical matchers scored against the gold clusters' pairs")
    missed_b, missed_c = classified.pairs("missed", "b"), classified.pairs("missed", "c")
    missed_f, false_f = classified.pairs("missed", "f"), classified.pairs("false", "f")
    missed_a, false_d = classified.pairs("missed", "a"), classified.pairs("false", "d")
    false_e = classified.pairs("false", "e")
    # Misses of one institution in a fragment no reason was judged for (the matcher changed
    # since) are b or c too: fixable by knowledge or by a rule.
    missed_b |= classified.pairs("missed", "?")
    upper_bound = (found | missed_b | missed_c | missed_f) - false_e - false_f
    for title, fixed in (
        ("fix c only (generic rules)", found | missed_c),
        ("fix c, remove e", (found | missed_c) - false_e),
        ("CEILING: fix b + c (and unannotated), remove e", (found | missed_b | missed_c) - false_e),
        ("upper bound: also resolve every ambiguous pair the gold's way", upper_bound),
        (
            "perfect on gold except a and d (ceiling incl. ambiguous & unlabelled)",
            (gold - missed_a) | false_d,
        ),
    ):
        print_scores(title, pairwise(fixed, gold), 72)

    # The alternative reading of the judgement calls (labels.ALT) resolves some ambiguous
    # strings: their missed pairs become fixable (same alt label), their false pairs errors.
    def resolved(pair: Pair) -> bool:
        return AMBIGUOUS not in (labels[pair[0]].alt, labels[pair[1]].alt)

    def same_alt(pair: Pair) -> bool:
        return labels[pair[0]].alt == labels[pair[1]].alt

    fixable = {pair for pair in missed_f if resolved(pair) and same_alt(pair)}
    wrong = {pair for pair in false_f if resolved(pair) and not same_alt(pair)}
    print_scores(
        "CEILING under the alt reading (flagship names, Berkeley=UCB)",
        pairwise((found | missed_b | missed_c | fixable) - false_e - wrong, gold),
        72,
        f"  (+{len(fixable)} missed fixable, -{len(wrong)} false)",
    )
    fitted = gold_noise_to_fit(upper_bound, gold, len(missed_a), len(false_d))
    print(
        f"  to reach F1 {TARGET_F1} from the upper bound, a matcher must also fit {fitted}"
        " gold-noise pairs (a or d)"
    )


def print_corrected(found: set[Pair], labels: dict[str, StringLabel]) -> None:
    """The current matcher against a gold built from the labels instead of the gold's."""
    print("\n== current matcher against a corrected gold built from the labels")
    for title, attribute, exclude_ambiguous in (
        ("top-level institution, ambiguous strings as singletons", "institution", False),
        ("top-level institution, ambiguous strings excluded", "institution", True),
        ("site level (IBM Almaden != IBM Watson), ambiguous excluded", "site", True),
        ("alt reading (system names -> flagship), ambiguous excluded", "alt", True),
    ):
        kept = {
            key: label
            for key, label in labels.items()
            if not (exclude_ambiguous and label.institution == AMBIGUOUS)
        }
        truth = pairs_of(
            {
                key: "AMB:" + key if label.institution == AMBIGUOUS else getattr(label, attribute)
                for key, label in kept.items()
            }
        )
        found_kept = {(a, b) for a, b in found if a in kept and b in kept}
        print_scores(title, pairwise(found_kept, truth), 62, f"  ({len(truth)} true pairs)")


def print_groups(groups: dict[str, Counter[str]], show: int) -> None:
    """The ``show`` biggest groups of each category."""
    for group, title in (
        ("b_rule", "category b by kind of knowledge needed (pairs)"),
        ("c_rule", "category c by generic rule (pairs)"),
        ("b", f"category b: {show} biggest (label | example pair)"),
        ("c", f"category c: {show} biggest (label | example pair)"),
        ("e", f"category e: {show} biggest (real false matches, label pairs)"),
        ("a", f"category a: {show} biggest (gold joins different institutions)"),
        ("d", f"category d: {show} biggest (gold splits one institution)"),
        ("f", "category f"),
        ("?", "UNANNOTATED same-label missed pairs"),
    ):
        if group == "?" and not groups[group]:
            continue
        print(f"\n== {title}")
        for text, n in groups[group].most_common(show):
            print(f"  {n:5}  {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=15, help="groups listed per category")
    args = parser.parse_args()
    names, listed = load(args.data)
    truth = gold_clusters(names, listed)
    gold = pairs_of(truth)
    predicted = predicted_identities(names, THRESHOLD)
    found = pairs_of(predicted)
    labels = label_strings(names, truth)
    classified = classify(names, gold, found, predicted, labels)

    precision, recall, f1 = pairwise(found, gold)
    print(
        f"{len(names)} strings, {len(gold)} pairs inside gold clusters ({len(listed)} listed),"
        f" {len(found)} predicted at threshold {THRESHOLD:.0f}"
    )
    print(
        f"current: P {precision:.3f} R {recall:.3f} F1 {f1:.3f};"
        f" missed {len(gold - found)}, false {len(found - gold)}"
    )
    sources = Counter(label.source for label in labels.values())
    print("labels by source: " + ", ".join(f"{s} {n}" for s, n in sources.most_common()))
    print_categories(classified)
    print_hypothetical(gold, found, labels, classified)
    print_corrected(found, labels)
    print_groups(classified.groups, args.show)


if __name__ == "__main__":
    main()
