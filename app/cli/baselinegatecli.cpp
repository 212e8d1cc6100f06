#include "baselinegatecli.h"

#include "analysis/baselinegate.h"
#include "analysis/threatbaseline.h"
#include "core/displaytext.h"

#include <iostream>

namespace bulkhead::cli {

Result<std::vector<ThreatChange>> compareWithBaseline(const std::string &baselineFile,
                                                      const Catalog &catalog,
                                                      const AnalysisResult &result)
{
    auto before = readThreatBaseline(baselineFile, catalog);
    if (!before)
        return Result<std::vector<ThreatChange>>::failure(before.error());
    return compareThreats(std::move(*before), snapshotThreats(result));
}

bool baselineGateFails(const std::vector<ThreatChange> &changes, Severity threshold,
                       const std::string &baselineFile)
{
    const std::vector<ThreatChange> failures = baselineGateFailures(changes, threshold);
    if (failures.empty())
        return false;
    std::cerr << "bulkhead-cli: --fail-on-new " << severityKey(threshold) << ": " << failures.size()
              << (failures.size() == 1 ? " open threat" : " open threats") << " new or worse since "
              << displayLine(baselineFile) << ":\n"
              << describeBaselineGateFailures(failures);
    return true;
}

} // namespace bulkhead::cli
