#pragma once

#include "core/registerentry.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

enum class ItemKind : unsigned char;
struct ManualThreat;
struct Mitigation;
struct ThreatRule;

/** What a threat is about. */
enum class SubjectType : std::uint8_t { Element, Boundary, Flow, Model };

std::string_view subjectTypeKey(SubjectType type);
/** The kind of diagram item a subject type names; ItemKind::None for the whole model. */
ItemKind itemKindOf(SubjectType type);
/** The subject type of a diagram item of `kind`; SubjectType::Model for ItemKind::None. */
SubjectType subjectTypeOf(ItemKind kind);

/** The id a model-scope threat is attached to: threat ids read "RULE@model". */
inline constexpr const char *modelSubjectId = "model";

struct MitigationState
{
    const Mitigation *mitigation = nullptr;
    bool implemented = false;
};

/** One property value a rule read, for explanations and open questions. */
struct RuleInput
{
    /** As written in the rule: "privileged", "host.kernelPatched", "source.kind". */
    std::string reference;
    /** Id of the object the value was read from (element, boundary or flow). */
    std::string holderId;
    /** The property's own name on that object; empty for kind, name and functions. */
    std::string property;
    std::string value;
    bool isDefault = false;
    /** Why a default came from the holder's boundaries rather than its kind; else empty. */
    std::string assumedBecause;
    bool unknown = false;
};

/**
 * A threat found by the analysis (or added by hand), merged with the register's decision.
 *
 * Kept small and free of per-threat allocations where possible: a large model has millions.
 * Text derived from the model — the explanation, the register's justification — is read
 * through ThreatExplainer or the register entry. A Threat points into the catalog and the
 * model it was computed from and is valid while both are unchanged.
 */
struct Threat
{
    const ThreatRule *rule = nullptr;
    const ManualThreat *manual = nullptr;
    /** The reviewer's decision, when the register has one for this threat. */
    const RegisterEntry *entry = nullptr;

    SubjectType subjectType = SubjectType::Element;
    /** Index of the element, boundary or flow in the model; -1 for the model itself. */
    int subjectIndex = -1;
    std::string subjectId;

    std::uint8_t likelihood = 1;
    std::uint8_t impact = 1;
    std::uint8_t residualLikelihood = 1;
    Severity severity = Severity::Low;
    Severity residualSeverity = Severity::Low;
    ThreatStatus status = ThreatStatus::Open;
    /** Set when a register entry's severityOverride replaced the residual severity. */
    bool severityOverridden = false;
    /** Context that raised the catalog's likelihood or impact (see riskNotes()). */
    bool exposedToInternet = false;
    /** Could be reachable from the internet, nobody having said: rated as not exposed, with a
     *  risk note saying what confirming it would add. */
    bool mayBeExposedToInternet = false;
    bool sensitiveData = false;
    bool carriesSecrets = false;
    bool needsConfirmation = false;
    /**
     * The matrix rated this unconfirmed finding above maxUnconfirmedSeverity, so severity (and
     * the residual severity) was lowered to it; riskNotes() says what confirming it would give.
     */
    bool severityCapped = false;
    /** Bit i set: the rule's i-th mitigation link is implemented. */
    std::uint64_t implementedMask = 0;
    /** Bit i set: the rule's i-th superseded threat fired on this subject and is hidden. */
    std::uint64_t supersededMask = 0;
    /** A threat reported once per target: how many other flows into the target it fires on. */
    std::uint16_t otherFlowsIntoTarget = 0;
    /**
     * A flow threat reported once per target has the target element as its subject, so its id
     * does not move when callers change; this is the flow it was evaluated on (its inputs are
     * that flow's), else -1.
     */
    int evaluatedFlow = -1;

    /** "RULE@SUBJECT", stable across runs; a manual threat's own id. */
    std::string id() const;
    const std::string &title() const;
    const std::string &stride() const;
    /** The rule's mitigations with their implemented state, in catalog order. */
    std::vector<MitigationState> mitigations() const;
    /**
     * Why likelihood or impact differ from the catalog's values, one sentence each, then
     * which threats on this subject this one covers ("covers IMG-02 on this subject", "covers
     * NET-13 on the flows into this element"), and on how many other flows into its target it
     * fires when it is reported once per target.
     */
    std::vector<std::string> riskNotes() const;
    const std::string &justification() const;
    const std::string &owner() const;
    const std::string &notes() const;
    /**
     * The severities are "up to" this level: the finding rests on unknown values, so it may
     * not apply at all, and it is capped at maxUnconfirmedSeverity until confirmed.
     */
    bool severityIsUpperBound() const { return needsConfirmation; }
    /** The same for the residual severity, unless a reviewer's override set it. */
    bool residualSeverityIsUpperBound() const { return needsConfirmation && !severityOverridden; }
    /** Open or Needs investigation: still counts against the deployment. */
    bool isOpen() const
    {
        return status == ThreatStatus::Open || status == ThreatStatus::NeedsInvestigation;
    }
};

} // namespace bulkhead
