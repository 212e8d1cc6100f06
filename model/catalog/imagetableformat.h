#pragma once

// Private to the catalog: reading and checking the "images" section of a catalog file.

#include "imagetable.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bulkhead {

class Catalog;

/** The entries of an "images" array; throws jsonfields::FormatError naming the place. */
std::vector<WellKnownImage> readImageSection(const nlohmann::json &images, const std::string &at,
                                             const std::string &sourceFile);

/**
 * Problems of the table against the catalog's kinds, one line each ("FILE: image ID: …"): an
 * unknown kind, a product, property or flow protocol that the kind or flows do not allow.
 */
std::vector<std::string> checkImageTable(const Catalog &catalog);

} // namespace bulkhead
