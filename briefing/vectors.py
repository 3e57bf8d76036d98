"""Sparse term vectors and the search for similar pairs among many of them.

Used by the rank stage (LexRank's similarity graph) and the dedupe stage (which sentences may
say the same thing). Both need, among tens of thousands of sentences, every pair whose cosine
similarity reaches a threshold; both used to compare every pair, which does not fit in memory
past a few thousand sentences (25,000 sentences make a 5 GB dense matrix).

``similar_pairs`` finds exactly the same pairs as comparing every pair, without doing so. It is
the prefix filter of all-pairs similarity search (Bayardo, Ma and Srikant, "Scaling up all pairs
similarity search", WWW 2007): order the terms from most to least common; the most common terms
of a sentence, as long as their weights together (their Euclidean norm) stay below the
threshold, cannot lift a cosine to the threshold on their own (Cauchy-Schwarz). So a pair that
reaches it shares at least one of the remaining, rarer terms, and only pairs sharing such a term
are candidates. Common words ("said", "government") appear in thousands of sentences but are
rarely indexed; the candidates grow with the number of sentences, not with its square.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

# How many rows are multiplied at once: bounds the memory of one block of candidate pairs.
_BLOCK_ROWS = 1024
_SPLIT = 0.5
# Safety margin on the prefix bound, far above rounding errors (about 1e-15), far below any
# similarity that matters.
_BOUND_MARGIN = 1e-6

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]


def term_matrix(rows: Sequence[Sequence[tuple[int, float]]], n_terms: int) -> sparse.csr_matrix:
    """A CSR matrix of ``len(rows)`` x ``n_terms`` from (term, weight) pairs per row, each
    row scaled to unit Euclidean length (a row without weight stays zero)."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((t for r in rows for t, _ in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.fromiter((w for r in rows for _, w in r), dtype=np.float64, count=int(indptr[-1]))
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), n_terms))
    matrix.sum_duplicates()
    matrix.eliminate_zeros()
    return normalize_rows(matrix)


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each row divided by its Euclidean norm (zero rows stay zero)."""
    squares = matrix.multiply(matrix).sum(axis=1)
    norms = np.sqrt(np.asarray(squares, dtype=np.float64).ravel())
    norms[norms == 0] = 1.0
    scale = sparse.diags(1.0 / norms)
    out = sparse.csr_matrix(scale @ matrix)
    out.sort_indices()
    return out


def similar_pairs(
    matrix: sparse.csr_matrix, threshold: float, *, strict: bool = False
) -> sparse.csr_matrix:
    """Every pair of distinct rows of ``matrix`` whose dot product is at least ``threshold``
    (above it, with ``strict``), as a symmetric CSR matrix of those dot products.

    The rows must be non-negative and of unit length (or zero), and ``threshold`` positive.
    The result holds exactly the pairs an exhaustive comparison finds; the diagonal is empty.
    """
    n = matrix.shape[0]
    rows, cols, values = similar_pair_list(matrix, threshold, strict=strict)
    pairs = sparse.coo_matrix(
        (
            np.concatenate((values, values)),
            (np.concatenate((rows, cols)), np.concatenate((cols, rows))),
        ),
        shape=(n, n),
    ).tocsr()
    pairs.sort_indices()
    return pairs


def similar_pair_list(
    matrix: sparse.csr_matrix, threshold: float, *, strict: bool = False
) -> tuple[Int32Array, Int32Array, FloatArray]:
    """``similar_pairs`` as three arrays (rows, columns, dot products), each pair once with
    row < column: half the memory of the symmetric matrix.

    Identical rows (the same sentence in several reports of a wire story) are compared once:
    the search runs on the distinct rows, and each pair found stands for every pair of their
    copies; copies of one row are as similar as the row with itself.
    """
    if threshold <= 0:
        raise ValueError("similar_pairs needs a positive threshold")
    n = matrix.shape[0]
    first_of: dict[tuple[bytes, bytes], int] = {}
    distinct = np.empty(n, dtype=np.int64)
    for row in range(n):
        span = slice(matrix.indptr[row], matrix.indptr[row + 1])
        key = (matrix.indices[span].tobytes(), matrix.data[span].tobytes())
        distinct[row] = first_of.setdefault(key, len(first_of))
    if len(first_of) == n:
        return _distinct_pairs(matrix, threshold, strict=strict)
    representative = np.zeros(len(first_of), dtype=np.int64)
    representative[distinct[::-1]] = np.arange(n)[::-1]  # first row of each distinct one
    rows, cols, values = _distinct_pairs(matrix[representative], threshold, strict=strict)
    # Copies of each distinct row, grouped: members[start[d] : start[d] + count[d]].
    members = np.argsort(distinct, kind="stable")
    count = np.bincount(distinct, minlength=len(first_of))
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    # Pairs of copies of one row, as similar as the row is to itself.
    own = matrix[representative].multiply(matrix[representative]).sum(axis=1)
    own = np.asarray(own, dtype=np.float64).ravel()
    alike = (own > threshold) if strict else (own >= threshold)
    alike &= count > 1
    same_rows = np.flatnonzero(alike)
    out_rows, out_cols, out_values = [], [], []
    for a, b, v, copies_of_one in (
        (rows.astype(np.int64), cols.astype(np.int64), values, False),
        (same_rows, same_rows, own[same_rows], True),
    ):
        # Every (copy of a, copy of b): the k-th of pair p is (k // count[b], k % count[b]).
        sizes = count[a] * count[b]
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        width = np.repeat(count[b], sizes)
        i = members[np.repeat(start[a], sizes) + within // width]
        j = members[np.repeat(start[b], sizes) + within % width]
        keep = i < j if copies_of_one else np.ones(len(i), dtype=bool)
        out_rows.append(np.minimum(i, j)[keep])
        out_cols.append(np.maximum(i, j)[keep])
        out_values.append(np.repeat(v, sizes)[keep])
    return (
        np.concatenate(out_rows).astype(np.int32),
        np.concatenate(out_cols).astype(np.int32),
        np.concatenate(out_values),
    )


def _distinct_pairs(
    matrix: sparse.csr_matrix, threshold: float, *, strict: bool
) -> tuple[Int32Array, Int32Array, FloatArray]:
    """The search itself (see the module docstring), each pair once with row < column."""
    n, n_terms = matrix.shape
    if n == 0 or matrix.nnz == 0:
        empty = np.zeros(0, dtype=np.int32)
        return empty, empty.copy(), np.zeros(0, dtype=np.float64)
    # Columns renumbered from the most common term (0) to the rarest, so that within each row
    # the stored entries run from the most common term on.
    frequency = np.bincount(matrix.indices, minlength=n_terms)
    order = np.argsort(-frequency, kind="stable")
    rank = np.empty(n_terms, dtype=np.int64)
    rank[order] = np.arange(n_terms)
    ranked = sparse.csr_matrix(
        (matrix.data.copy(), rank[matrix.indices], matrix.indptr.copy()), shape=(n, n_terms)
    )
    ranked.sort_indices()
    # Per row, the leading (most common) entries whose norm stays under the threshold form the
    # suffix; the others are indexed.
    squares = ranked.data**2
    running = np.cumsum(squares)
    row_of = np.repeat(np.arange(n), np.diff(ranked.indptr))
    before = np.concatenate(([0.0], running))[ranked.indptr[:-1]]
    within = running - before[row_of]
    unindexed = within < (_SPLIT * threshold) ** 2 * (1 - _BOUND_MARGIN)
    indexed = _keep(ranked, row_of, ~unindexed)
    suffix = _keep(ranked, row_of, unindexed)
    # What the unindexed entries can add at most to a dot product (Cauchy-Schwarz).
    suffix_norm = np.sqrt(np.bincount(row_of[unindexed], weights=squares[unindexed], minlength=n))
    keys = row_of * n_terms + ranked.indices  # sorted: rows in order, columns sorted in each

    found_rows: list[Int32Array] = []
    found_cols: list[Int32Array] = []
    found_values: list[FloatArray] = []
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, n)
        # Only the upper triangle: a pair reaching the threshold shares an indexed term of each
        # of its two rows, so the row with the smaller index finds it.
        block = sparse.csr_matrix(indexed[start:stop] @ ranked[start:].T)
        local_rows = np.repeat(np.arange(stop - start), np.diff(block.indptr))
        # Upper triangle only, and only pairs the unindexed entries could still lift to the
        # threshold.
        promising = (block.indices > local_rows) & (
            block.data + suffix_norm[start:stop][local_rows] * (1 + _BOUND_MARGIN) >= threshold
        )
        rows = local_rows[promising].astype(np.int64) + start
        cols = block.indices[promising].astype(np.int64) + start
        partial = block.data[promising]
        del block, local_rows, promising
        values = partial + _suffix_products(suffix, ranked, keys, n_terms, rows, cols)
        keep = values > threshold if strict else values >= threshold
        found_rows.append(rows[keep].astype(np.int32))
        found_cols.append(cols[keep].astype(np.int32))
        found_values.append(values[keep])
    return np.concatenate(found_rows), np.concatenate(found_cols), np.concatenate(found_values)


def _keep(
    matrix: sparse.csr_matrix, row_of: IntArray, mask: npt.NDArray[np.bool_]
) -> sparse.csr_matrix:
    """The entries of ``matrix`` where ``mask`` (one flag per stored entry) is set."""
    per_row = np.bincount(row_of[mask], minlength=matrix.shape[0])
    indptr = np.concatenate(([0], np.cumsum(per_row)))
    return sparse.csr_matrix((matrix.data[mask], matrix.indices[mask], indptr), shape=matrix.shape)


def _suffix_products(
    suffix: sparse.csr_matrix,
    ranked: sparse.csr_matrix,
    keys: IntArray,
    n_terms: int,
    rows: IntArray,
    cols: IntArray,
) -> FloatArray:
    """For each pair (rows[k], cols[k]), the dot product of the row's unindexed entries with
    the column row: the part of the similarity the indexed product left out."""
    out = np.zeros(len(rows), dtype=np.float64)
    if len(rows) == 0 or suffix.nnz == 0:
        return out
    first = suffix.indptr[rows]
    length = suffix.indptr[rows + 1] - first
    for step in range(int(length.max())):
        active = np.flatnonzero(length > step)
        entry = first[active] + step
        wanted = cols[active] * n_terms + suffix.indices[entry]
        position = np.searchsorted(keys, wanted)
        position[position == len(keys)] = 0
        hit = keys[position] == wanted
        out[active[hit]] += suffix.data[entry[hit]] * ranked.data[position[hit]]
    return out
