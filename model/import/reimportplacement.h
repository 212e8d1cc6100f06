#pragma once

#include "core/threatmodel.h"

#include <set>
#include <string>

namespace bulkhead {

/**
 * Gives the elements and boundaries a re-import added (`added`, by id in `model`) a place near
 * their relatives, without moving anything that was there: an element goes to the first free
 * spot beside an existing element it has a flow with in `model`, else beside one in its
 * boundary, else inside its boundary's frame; what has no relative goes to a free column right
 * of the existing diagram. Existing boundaries grow to hold what was added inside them, and
 * added boundaries are framed around their content.
 */
void placeAddedItems(ThreatModel &model, const std::set<std::string> &added);

} // namespace bulkhead
