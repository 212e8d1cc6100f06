#pragma once

#include <string>

namespace bulkhead {

class Catalog;

/**
 * {"statistics": {...}, "elementKinds": [...], "threats": [...], "mitigations": [...]} as
 * documented in DESIGN's CLI contract; statistics carry the coverage figures the catalog is
 * held to (counts per STRIDE letter and layer, article labels traced, reference kinds).
 */
std::string catalogToJson(const Catalog &catalog);

/** A short human-readable overview: counts, then one line per threat. */
std::string catalogToText(const Catalog &catalog);

} // namespace bulkhead
