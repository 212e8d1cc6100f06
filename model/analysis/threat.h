#pragma once

#include "core/registerentry.h"

#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

struct ManualThreat;
struct Mitigation;
struct ThreatRule;

/** What a threat is about. */
enum class SubjectType { Element, Boundary, Flow, Model };

std::string_view subjectTypeKey(SubjectType type);

/** The id a model-scope threat is attached to: threat ids read "RULE@model". */
inline constexpr const char *modelSubjectId = "model";

struct MitigationState
{
    const Mitigation *mitigation = nullptr;
    bool implemented = false;
};

/** One property value the rule read, for the explanation and the open questions. */
struct RuleInput
{
    /** As written in the rule: "privileged", "host.kernelPatched", "source.kind". */
    std::string reference;
    /** Id of the object the value was read from (element, boundary or flow). */
    std::string holderId;
    /** The property's own name on that object; empty for kind and name. */
    std::string property;
    std::string value;
    bool isDefault = false;
    bool unknown = false;
};

/** A threat found by the analysis (or added by hand), merged with the register's decision. */
struct Threat
{
    /** "RULE@SUBJECT", stable across runs; a manual threat's own id. */
    std::string id;
    const ThreatRule *rule = nullptr;
    const ManualThreat *manual = nullptr;
    SubjectType subjectType = SubjectType::Element;
    std::string subjectId;

    int likelihood = 1;
    int impact = 1;
    Severity severity = Severity::Low;
    int residualLikelihood = 1;
    Severity residualSeverity = Severity::Low;
    /** Set when a register entry's severityOverride replaced the residual severity. */
    bool severityOverridden = false;
    /** Context that raised the catalog's likelihood or impact (see riskNotes()). */
    bool exposedToInternet = false;
    bool sensitiveData = false;
    bool carriesSecrets = false;

    std::vector<MitigationState> mitigations;
    bool needsConfirmation = false;
    /** The values the rule read: "privileged = true; host.kernelPatched = unknown (default)".
     *  Kept as one string: a large model has millions of threats. */
    std::string explanation;

    ThreatStatus status = ThreatStatus::Open;
    std::string justification;
    std::string owner;
    std::string notes;

    const std::string &title() const;
    const std::string &stride() const;
    /** Why likelihood or impact differ from the catalog's values, one sentence each. */
    std::vector<std::string> riskNotes() const;
    /** Open or Needs investigation: still counts against the deployment. */
    bool isOpen() const
    {
        return status == ThreatStatus::Open || status == ThreatStatus::NeedsInvestigation;
    }
};

} // namespace bulkhead
