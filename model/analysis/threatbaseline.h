#pragma once

#include "threatcomparison.h"

#include "core/result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class Catalog;

/**
 * The threats of a baseline, for `analyze --baseline FILE`: FILE is either an older model,
 * analysed here with `catalog` (the catalogs of the run it is compared with), or the output of
 * an earlier `analyze --format json`. Which one is told by content, never by the file's name:
 * a model carries "format": "bulkhead-threat-model", an analysis "summary" and "threats".
 * Anything else, or a model with validation errors, is one error naming the file and, where
 * known, line and column.
 */
Result<std::vector<ThreatSnapshot>> readThreatBaseline(const std::filesystem::path &path,
                                                       const Catalog &catalog);

/** As readThreatBaseline, from text already in memory; sourceName names it in messages. */
Result<std::vector<ThreatSnapshot>> threatBaselineFromText(std::string_view text,
                                                           const std::string &sourceName,
                                                           const Catalog &catalog);

} // namespace bulkhead
