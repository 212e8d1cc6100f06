#pragma once

// Private to model/io: step-wise upgrades of older native files, applied on the parsed JSON
// before it is read, so the reader only ever understands the current version.

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace bulkhead::modelmigrations {

/**
 * Upgrades `document` from `fromVersion` to currentModelFormatVersion, one step at a time.
 * Appends one note per step applied. A step that meets a shape it cannot convert throws
 * jsonfields::FormatError.
 */
void migrateToCurrent(nlohmann::json &document, int fromVersion, std::vector<std::string> &notes);

/**
 * Whether migrating from `fromVersion` only adds keys, so that a position in the migrated
 * document is still the same line and column in the file's text.
 */
bool keepsPositions(int fromVersion);

/** The oldest version that can still be migrated. */
int oldestSupportedVersion();

} // namespace bulkhead::modelmigrations
