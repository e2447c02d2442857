"""Near-identical sets among many: an exact Jaccard similarity join by prefix filtering.

Sets hold hashed tokens (ints), ordered by how many sets use them, rarest first. Two sets
with Jaccard similarity ≥ t share at least one token among the first ``n - ceil(t·n) + 1``
tokens of each (the prefix-filtering principle: Bayardo et al., "Scaling up all pairs
similarity search", WWW 2007). So only sets that share a rare token are compared, and a
token every project uses (服务对象满意度 ≥90%) never makes a candidate. Candidates are
verified with the exact Jaccard similarity: nothing is guessed.

Why not MinHash-LSH: a project has only about 20 indicator rows, fewer than the 60–100
hash bins LSH needs to be selective, and pure-Python MinHash with that many independent
hash functions is too slow for 100,000 projects. With one-permutation MinHash the bins of
such small sets are strongly correlated, and thousands of projects of one kind (which
share a third of their rows) became candidates of each other: quadratic work. Prefix
filtering has no false negatives and its work grows with the rare tokens, not with the
number of pairs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Return |a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    common = len(a & b)
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def prefix_length(size: int, overlap: float) -> int:
    """Return how many of a set's rarest tokens hold one of any ``overlap`` tokens it shares."""
    return size - math.ceil(overlap - 1e-9) + 1


def similar_pairs(
    sets: Sequence[frozenset[int] | None], *, threshold: float, posting_cap: int = 100
) -> Iterator[tuple[int, int, float]]:
    """Given token sets (None to skip), yield (i, j, jaccard) for pairs with jaccard ≥ threshold.

    Each set is compared only with the earlier (not larger) sets that share a token of its
    prefix. A token's posting list stops growing at ``posting_cap`` sets, so a family of
    thousands of identical sets costs linear, not quadratic, work: each later member is
    still compared with the first ``posting_cap``. Pairs come out with i < j.
    """
    frequency: Counter[int] = Counter()
    for tokens in sets:
        if tokens:
            frequency.update(tokens)
    # Number tokens by rarity once; a set then sorts its token numbers as plain ints, and
    # numbers below ``unique`` belong to tokens no other set has.
    ranked = sorted(frequency, key=frequency.__getitem__)
    rank = {token: number for number, token in enumerate(ranked)}.__getitem__
    unique = sum(1 for count in frequency.values() if count == 1)
    present = [(i, tokens) for i, tokens in enumerate(sets) if tokens]
    present.sort(key=lambda item: len(item[1]))
    postings: dict[int, list[tuple[int, int]]] = {}
    for i, tokens in present:
        size = len(tokens)
        rarest = sorted(map(rank, tokens))
        # An earlier (not larger) set y reaching the threshold shares at least t·size tokens
        # with this one (the probe prefix) and at least 2t/(1+t)·|y| of its own (the index
        # prefix, posted below for the sets still to come).
        probe = rarest[: prefix_length(size, threshold * size)]
        for j in _candidates(probe, size, unique, postings, sets, threshold):
            similarity = jaccard(tokens, sets[j])  # type: ignore[arg-type]  # posted sets exist
            if similarity >= threshold:
                yield (min(i, j), max(i, j), similarity)
        index_prefix = rarest[: prefix_length(size, 2 * threshold / (1 + threshold) * size)]
        for position, r in enumerate(index_prefix):
            if r >= unique:
                posting = postings.setdefault(r, [])
                if len(posting) < posting_cap:
                    posting.append((i, position))


def _candidates(
    probe: list[int],
    size: int,
    unique: int,
    postings: dict[int, list[tuple[int, int]]],
    sets: Sequence[frozenset[int] | None],
    threshold: float,
) -> list[int]:
    """Return the earlier sets sharing a probe token that can still reach the threshold.

    Both sets list their tokens in one order, so the first time this set meets another is
    at the rarest token they share, and all else they share comes later in both lists:
    they share at most 1 + min(tokens left in each) (PPJoin's positional filter, Xiao et
    al., WWW 2008). A pair that cannot reach the overlap the threshold needs is dropped
    before the exact comparison.
    """
    met: set[int] = set()
    found = []
    ratio = threshold / (1 + threshold)
    for here, r in enumerate(probe):
        if r < unique:
            continue  # no other set has this token
        for j, there in postings.get(r, ()):
            if j in met:
                continue
            met.add(j)
            other = len(sets[j])  # type: ignore[arg-type]
            needed = math.ceil(ratio * (size + other) - 1e-9)
            if 1 + min(size - here - 1, other - there - 1) >= needed:
                found.append(j)
    return found
