#pragma once

#include "core/result.h"
#include "core/threatmodel.h"

#include <string>
#include <vector>

namespace bulkhead {

/** One line of an import report: where in the input, and what happened there. */
struct ImportFinding
{
    std::string where; ///< "FILE:LINE", or the file alone
    std::string text;
};

/** What an import did: shown by the CLI and in the editor, so nothing happens silently. */
struct ImportReport
{
    /** Input objects that became elements, boundaries or flows. */
    std::vector<ImportFinding> mapped;
    /** Risky settings the import recorded and wants the reader to see (secrets, host mounts…). */
    std::vector<ImportFinding> flagged;
    /** Input the import did not map, and why. */
    std::vector<ImportFinding> skipped;
    /** Validation findings on the imported model. */
    std::vector<std::string> validation;
};

struct ImportResult
{
    ThreatModel model;
    ImportReport report;
};

class Catalog;
class LayoutEngine;

/**
 * The last steps every import shares: lays the model out with `layoutEngine` (the caller's, so
 * the CLI and the editor use theirs and tests a fixed one) and validates it against the
 * catalog, adding the findings to the report. A layout failure is reported too; the model then
 * keeps its importer-assigned grid positions.
 */
void finishImport(ImportResult &result, const Catalog &catalog, LayoutEngine &layoutEngine);

/**
 * The import as it is, or a failure when the model it built is over a budget of
 * core/limits.h (a name of over 1,000 characters, more than 100,000 elements, …) that a model
 * file could not hold: one line naming `firstFile` and the first problem. Both importers
 * pass their result through it.
 */
Result<ImportResult> refuseOverBudget(Result<ImportResult> imported, const std::string &firstFile);

/** The report as plain text, one finding per line under a heading per section. */
std::string formatImportReport(const ImportReport &report);

} // namespace bulkhead
