#pragma once

#include "geometry.h"
#include "limits.h"

#include <cstddef>
#include <functional>
#include <optional>
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

/** "element "Web" (web)", or "element "web"" when unnamed: long names and ids elided. */
std::string describeObject(std::string_view type, const std::string &name, const std::string &id);

/** A budget of core/limits.h that a model made in memory (an import, the editor) exceeds. */
struct BudgetProblem
{
    /** "model-too-large", "boundary-too-deep", "text-too-long" or "geometry-out-of-range". */
    std::string code;
    /** Id of the object concerned; empty for the model as a whole. */
    std::string subject;
    /** A sentence naming the object and the budget; never the over-long text itself. */
    std::string message;
};

/**
 * Every budget problem of the model, in a stable order (its size, its metadata, then
 * boundaries, elements, flows, register entries and manual threats in model order), handed to
 * `report` until it returns false. Linear in the size of the model. A file over a budget never
 * loads (the reader checks the same budgets with positions); validation reports these.
 */
void forEachBudgetProblem(const ThreatModel &model,
                          const std::function<bool(BudgetProblem)> &report);

/** The first budget problem of the model, if any. */
std::optional<BudgetProblem> firstBudgetProblem(const ThreatModel &model);

/**
 * The first object whose geometry (or a bend point) lies outside ±limits::maxCoordinate, as
 * "element "Web" (web)", or empty when all are within range: the editor refuses such a model
 * rather than show it, as Qt's drawing overflows there.
 */
std::string firstOutOfRangeGeometry(const ThreatModel &model);

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
