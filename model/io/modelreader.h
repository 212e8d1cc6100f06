#pragma once

#include "core/result.h"
#include "core/threatmodel.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

struct LoadedModel
{
    ThreatModel model;
    /** The version the file was written in, before migration. */
    int sourceFormatVersion = 0;
    /** One line per migration step applied, for the user to see what changed. */
    std::vector<std::string> migrationNotes;
};

/**
 * Reads a native model file (any supported formatVersion, migrated to the current one).
 * Errors are one line naming the file and, where known, line and column. Structural problems
 * of the diagram (dangling ids, cycles, wrong property types) load fine and are left to
 * validation, so the user can open the file and repair it.
 */
Result<LoadedModel> readModelFile(const std::filesystem::path &path);

/** As readModelFile, from text already in memory; sourceName names it in messages. */
Result<LoadedModel> readModelText(std::string_view text, const std::string &sourceName);

} // namespace bulkhead
