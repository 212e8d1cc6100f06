#pragma once

#include "core/registerentry.h"
#include "threat.h"

#include <array>
#include <string>
#include <vector>

namespace bulkhead {

class Catalog;
class ThreatModel;

/** An unknown property whose answer would settle needs-confirmation threats. */
struct OpenQuestion
{
    std::string holderId;
    std::string property;
    int threatCount = 0;
};

struct AnalysisResult
{
    /** Subjects in model order (boundaries, elements, flows, the model), rules in catalog order,
     *  then manual threats. */
    std::vector<Threat> threats;
    /** Register entries whose threat no longer fires: kept, shown, never dropped. */
    std::vector<RegisterEntry> staleEntries;
    /** Most useful first: answering the top one settles the most threats. */
    std::vector<OpenQuestion> questions;

    const Threat *findThreat(std::string_view id) const;
};

/**
 * Walks the model against the catalog's rules. Pure: the same model and catalog always give
 * the same result in the same order.
 */
AnalysisResult analyzeModel(const ThreatModel &model, const Catalog &catalog);

/** Likelihood × impact (1–4 each) → Low (≤3), Medium (≤6), High (≤9), Critical. */
Severity severityFor(int likelihood, int impact);

} // namespace bulkhead
