#pragma once

#include "geometry.h"
#include "limits.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class ThreatModel;

/** Unicode code points in UTF-8 text: the bytes that do not continue a character. */
std::size_t characterCount(std::string_view utf8);

/** Whether a short string (id, name, kind, …) is within limits::maxNameLength characters. */
inline bool withinNameLength(std::string_view text)
{
    // Cheap first: a string of no more bytes than the limit has no more characters either.
    return text.size() <= limits::maxNameLength || characterCount(text) <= limits::maxNameLength;
}

/** Whether a long string (property value, description, notes) is within limits::maxTextBytes. */
inline bool withinTextLength(std::string_view text)
{
    return text.size() <= limits::maxTextBytes;
}

/** Finite and within ±limits::maxCoordinate. */
bool withinCoordinateRange(double value);
bool withinCoordinateRange(const Rect &rect);
bool withinCoordinateRange(const Point &point);

/**
 * The text cut to `maxCharacters` characters with "…" appended when it was longer, never
 * splitting a UTF-8 sequence: for names in messages and reports.
 */
std::string elided(std::string_view text, std::size_t maxCharacters);

/** "100,000": budgets in messages read better with thousands separated. */
std::string groupedNumber(std::size_t value);

/**
 * Each boundary's nesting level, by position in model.boundaries(): 1 at the top level (or
 * under a parent that does not exist), its parent's level plus one otherwise, and 0 for a
 * boundary on a parent cycle or inside one (validation reports the cycle). Linear in the
 * number of boundaries, whatever their depth.
 */
std::vector<std::size_t> boundaryNestingLevels(const ThreatModel &model);

/**
 * The parent cycles, each as boundary positions in model.boundaries(): it starts at its first
 * boundary in model order and follows parents. Sorted by that first boundary. Linear.
 */
std::vector<std::vector<std::size_t>> boundaryCycles(const ThreatModel &model);

} // namespace bulkhead
