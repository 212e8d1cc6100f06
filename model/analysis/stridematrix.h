#pragma once

#include "core/registerentry.h"
#include "threat.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/** The letters of STRIDE in their usual order; arrays indexed by a letter use this order. */
inline constexpr std::string_view strideLetters = "STRIDE";

/** The position of a STRIDE letter (either case) in strideLetters, or -1. */
int strideIndex(char letter);

/** One cell of the STRIDE-per-element matrix. */
struct StrideCell
{
    /** Open threats (open or needs investigation) in the cell. */
    int open = 0;
    /** Of those, the threats whose primary letter is this column's. */
    int primary = 0;
    /** Closed threats (mitigated, accepted, transferred, not applicable) in the cell. */
    int closed = 0;
    /** The worst residual severity among the open threats; empty when none is open. */
    std::optional<Severity> worst;
    /** The open threats, as indices into the threat list the matrix was built from. */
    std::vector<std::size_t> openThreats;
};

struct StrideMatrixRow
{
    SubjectType subjectType = SubjectType::Element;
    std::string subjectId;
    /** The subject's first threat, as an index into the threat list. */
    std::size_t firstThreat = 0;
    /** Indexed as strideLetters. */
    std::array<StrideCell, 6> letters;
    /** Every threat of the subject once, whatever its letters. */
    StrideCell total;
};

/**
 * STRIDE per element, as the editor and every report show it (docs/editor.md, "STRIDE
 * matrix"): a threat counts in the column of every letter it carries, and `primary` marks the
 * threats whose first letter the column is. The total counts each threat once, so a row's
 * cells can add up to more than its total.
 *
 * One row per subject (element, boundary, flow, or the model itself) with at least one threat
 * in the list, in the order the subjects first appear there.
 */
struct StrideMatrix
{
    std::vector<StrideMatrixRow> rows;

    const StrideMatrixRow *find(std::string_view subjectId) const;
};

StrideMatrix buildStrideMatrix(const std::vector<const Threat *> &threats);

} // namespace bulkhead
