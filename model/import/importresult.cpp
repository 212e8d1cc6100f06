#include "importresult.h"

#include "analysis/validator.h"
#include "core/displaytext.h"
#include "core/modellimits.h"
#include "layout/layoutengine.h"

#include <sstream>

namespace bulkhead {

void finishImport(ImportResult &result, const Catalog &catalog, LayoutEngine &layoutEngine)
{
    if (const auto arranged = layoutEngine.layout(result.model))
        applyLayout(result.model, *arranged);
    else
        result.report.validation.push_back("automatic layout failed: " + arranged.error());
    for (const Diagnostic &d : validateModel(result.model, catalog))
        result.report.validation.push_back(std::string(diagnosticSeverityKey(d.severity)) + ": "
                                           + d.message);
}

Result<ImportResult> refuseOverBudget(Result<ImportResult> imported, const std::string &firstFile)
{
    if (!imported)
        return imported;
    if (const auto problem = firstBudgetProblem(imported->model))
        return Result<ImportResult>::failure(
            firstFile + ": the imported model is over a budget: " + problem->message);
    return imported;
}

std::string formatImportReport(const ImportReport &report)
{
    // Findings quote names, paths and values from the imported files: shown escaped, so each
    // stays one line of plain text on the terminal.
    std::ostringstream out;
    auto section = [&](const char *title, const std::vector<ImportFinding> &findings) {
        out << title << " (" << findings.size() << ")\n";
        for (const ImportFinding &f : findings)
            out << "  " << displayText(f.where) << ": " << displayText(f.text) << "\n";
    };
    section("Mapped", report.mapped);
    section("Flagged", report.flagged);
    section("Skipped", report.skipped);
    out << "Validation (" << report.validation.size() << ")\n";
    for (const std::string &line : report.validation)
        out << "  " << displayText(line) << "\n";
    return out.str();
}

} // namespace bulkhead
