#pragma once

#include "core/registerentry.h"
#include "threat.h"

#include <memory>
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

    /** Linear search; for many lookups build a map of ids. */
    const Threat *findThreat(std::string_view id) const;
};

/**
 * Walks the model against the catalog's rules. Pure: the same model and catalog always give
 * the same result in the same order. The result points into both.
 */
AnalysisResult analyzeModel(const ThreatModel &model, const Catalog &catalog);

/**
 * The risk matrix of docs/risk-model.md: likelihood × impact (1–4 each, clamped) → severity,
 * read from a table, not a formula. Critical only when both are 4.
 */
Severity severityFor(int likelihood, int impact);

/**
 * The highest severity a finding that rests on unknown values gets until the facts are
 * confirmed: an open question is worth answering this release, but cannot be "fix this week"
 * while the deployment may not have the problem at all (docs/risk-model.md).
 */
inline constexpr Severity maxUnconfirmedSeverity = Severity::High;

struct ModelIndex;
class RuleEvaluator;

/**
 * Explains threats of one analysis: re-evaluates a threat's rule recording what it read.
 * Building one costs a pass over the model; each explanation then costs one rule evaluation,
 * so reports explain millions of threats without storing the text.
 */
class ThreatExplainer
{
public:
    ThreatExplainer(const ThreatModel &model, const Catalog &catalog);
    ~ThreatExplainer();
    ThreatExplainer(const ThreatExplainer &) = delete;
    ThreatExplainer &operator=(const ThreatExplainer &) = delete;

    /** "privileged = true; host.kernelPatched = unknown (default)"; "added by hand" for manual. */
    std::string explanation(const Threat &threat) const;
    std::vector<RuleInput> inputs(const Threat &threat) const;

    /**
     * For each unknown property, how many needs-confirmation threats answering it would
     * settle; most useful first.
     */
    std::vector<OpenQuestion> openQuestions(const AnalysisResult &result) const;

private:
    std::unique_ptr<ModelIndex> m_index;
    std::unique_ptr<RuleEvaluator> m_evaluator;
};

} // namespace bulkhead
