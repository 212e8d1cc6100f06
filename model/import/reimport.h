#pragma once

#include "core/threatmodel.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bulkhead {

/** One line of a re-import's drift: what happened to one element, boundary or flow. */
struct ReimportChange
{
    enum class Kind {
        Added,       ///< new in the deployment files, placed near its relatives
        Disappeared, ///< gone from the files, still in the model (no prune)
        Removed,     ///< gone from the files and pruned from the model
        Overridden,  ///< the user's hand wins over the files: a value, a deletion
    };
    Kind kind = Kind::Added;
    /** "element \"web\" (compose:web)": what the line is about, named and identified. */
    std::string item;
    std::string text;
};

/** What a re-import kept, added, overrode and found gone, in model order per kind. */
struct ReimportReport
{
    /** Identities matched in the model: position, boundary and hand values kept. */
    std::vector<std::string> kept;
    std::vector<ReimportChange> changes;
    /** How many imported values replaced the previous import's values in kept items. */
    std::size_t updatedValues = 0;
};

struct ReimportOptions
{
    /** Remove what disappeared from the deployment files instead of only listing it. */
    bool prune = false;
};

struct ReimportResult
{
    ThreatModel model;
    ReimportReport report;
};

/**
 * Merges a fresh import of the deployment files into a model imported from them before.
 *
 * Items are matched by import identity (core/importrecord.h), never by display name. A matched
 * item keeps its position, boundary, kind and endpoints; its name and each property take the
 * imported value unless the user changed them by hand, which the model tells by comparing
 * with the values the previous import recorded. New items are added next to an item they have
 * a flow with, or in their boundary, without moving anything that was there. Items gone from
 * the files are listed, and removed only with `prune` (with the flows that end on them).
 * Register entries, manual threats, metadata and everything drawn by hand stay as they are.
 * The result records the new import: identities, files and imported values.
 *
 * A model without an import record (written before records existed) is matched by the ids the
 * importer makes; any value in it that differs from the import then counts as set by hand.
 */
ReimportResult reimportInto(const ThreatModel &existing, const ThreatModel &imported,
                            const ReimportOptions &options = {});

/**
 * The drift as a diff-like list: a summary line, then "+ " added, "- " disappeared or removed,
 * "~ " overridden by hand, one item per line.
 */
std::string formatReimportReport(const ReimportReport &report);

/**
 * Remembers the deployment files in the model's import record, relative to the folder of
 * `modelFile` (with ".." where needed), so that a model kept in the repository next to its
 * deployment files still finds them in another checkout. Absolute for an empty `modelFile`
 * (a model not saved yet).
 */
void recordImportedFiles(ImportRecord &record, const std::vector<std::string> &files,
                         const std::filesystem::path &modelFile);

/** The remembered deployment files as paths to open, resolved from `modelFile`'s folder. */
std::vector<std::string> importedFilePaths(const ImportRecord &record,
                                           const std::filesystem::path &modelFile);

} // namespace bulkhead
