"""MinHash signatures and LSH banding: near-identical sets in time linear in their number.

A signature is a one-permutation MinHash (Li, Owen and Zhang 2012) with rotation
densification (Shrivastava and Li 2014): each token is hashed once, its hash picks one of
``size`` bins and the bin keeps the smallest hash it sees. Two sets agree in a bin with
probability close to their Jaccard similarity, so cutting the signature into ``bands`` of
``rows`` bins and bucketing projects by band finds the similar pairs without comparing all
pairs. Hashing each token once (instead of once per bin) is what makes this fast enough in
pure Python for a province's 2,000,000 indicators.

Every candidate pair is verified with the exact Jaccard similarity, so LSH only decides
which pairs get looked at, never what is reported.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence

Signature = tuple[int, ...]

# Larger than any bin minimum (hashes are 32-bit): borrowed values stay distinct from own ones.
_EMPTY = 1 << 32
_BORROW_STEP = 1 << 32


def token_hash(token: str) -> int:
    """Given a token, return a 32-bit hash that is the same in every process (unlike hash())."""
    # Multiply by an odd constant to spread CRC-32's linear structure over the high bits.
    return (zlib.crc32(token.encode()) * 0x9E3779B1) & 0xFFFFFFFF


def signature(hashes: Iterable[int], size: int) -> Signature | None:
    """Given a set's token hashes, return its densified one-permutation MinHash, None if empty."""
    bins = [_EMPTY] * size
    for value in hashes:
        slot = value % size
        rest = value // size
        if rest < bins[slot]:
            bins[slot] = rest
    if _EMPTY not in bins:
        return tuple(bins)
    if all(b == _EMPTY for b in bins):
        return None
    return tuple(_densify(bins))


def _densify(bins: list[int]) -> list[int]:
    """Fill each empty bin from the nearest filled bin to its right (circularly)."""
    size = len(bins)
    filled = list(bins)
    for i, value in enumerate(bins):
        if value != _EMPTY:
            continue
        distance = 1
        while bins[(i + distance) % size] == _EMPTY:
            distance += 1
        filled[i] = bins[(i + distance) % size] + distance * _BORROW_STEP
    return filled


def band_keys(sig: Signature, bands: int, rows: int) -> list[int]:
    """Given a signature, return one bucket key per band.

    Tuples of ints hash the same in every process, so buckets are reproducible.
    """
    return [hash((band, *sig[band * rows : (band + 1) * rows])) for band in range(bands)]


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Return |a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    common = len(a & b)
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def similar_pairs(
    sets: Sequence[frozenset[int] | None],
    *,
    threshold: float,
    bands: int,
    rows: int,
    bucket_cap: int = 64,
    leaders: int = 32,
    same_kind: Callable[[int, int], bool] | None = None,
) -> Iterator[tuple[int, int, float]]:
    """Given token-hash sets, yield (i, j, jaccard) for pairs with jaccard ≥ threshold, i < j.

    Pairs come from LSH buckets, so a pair is missed only with the small probability that
    no band agrees (about (1 - J**rows)**bands). A bucket larger than ``bucket_cap`` (a big
    family of copies, or very common tokens) is not expanded into all its pairs: each
    member is compared with at most ``leaders`` representatives, and a member becomes a
    representative when no representative matches it and is of its kind (``same_kind``,
    for example "has the same purpose"), so every kind in the family stays represented.
    Work is linear in the number of sets for a fixed cap.
    """
    keys = [_keys(s, bands, rows) for s in sets]
    seen: set[int] = set()
    for band in range(bands):
        for members in _buckets(keys, band):
            if len(members) <= bucket_cap:
                pairs = _all_pairs(members)
            else:
                pairs = _leader_pairs(members, sets, threshold, leaders, same_kind)
            yield from _verified(pairs, sets, threshold, seen, len(sets))


def _keys(tokens: frozenset[int] | None, bands: int, rows: int) -> list[int] | None:
    sig = signature(tokens, bands * rows) if tokens else None
    return band_keys(sig, bands, rows) if sig else None


def _buckets(keys: Sequence[list[int] | None], band: int) -> Iterator[list[int]]:
    """Yield the members of each bucket with two or more members, for one band."""
    buckets: dict[int, list[int]] = {}
    for i, project_keys in enumerate(keys):
        if project_keys is not None:
            buckets.setdefault(project_keys[band], []).append(i)
    return (members for members in buckets.values() if len(members) > 1)


def _all_pairs(members: list[int]) -> Iterator[tuple[int, int]]:
    for a, i in enumerate(members):
        for j in members[a + 1 :]:
            yield i, j


def _leader_pairs(
    members: list[int],
    sets: Sequence[frozenset[int] | None],
    threshold: float,
    limit: int,
    same_kind: Callable[[int, int], bool] | None,
) -> Iterator[tuple[int, int]]:
    """Pair each member of a large bucket with the bucket's representatives only."""
    chosen: list[int] = [members[0]]
    for member in members[1:]:
        represented = False
        for leader in chosen:
            yield leader, member
            if same_kind is None or same_kind(leader, member):
                represented = represented or jaccard(sets[leader], sets[member]) >= threshold
        if not represented and len(chosen) < limit:
            chosen.append(member)


def _verified(
    pairs: Iterable[tuple[int, int]],
    sets: Sequence[frozenset[int] | None],
    threshold: float,
    seen: set[int],
    count: int,
) -> Iterator[tuple[int, int, float]]:
    for i, j in pairs:
        if i > j:
            i, j = j, i
        key = i * count + j
        if key in seen:
            continue
        seen.add(key)
        similarity = jaccard(sets[i], sets[j])  # type: ignore[arg-type]  # bucketed sets are non-empty
        if similarity >= threshold:
            yield i, j, similarity
