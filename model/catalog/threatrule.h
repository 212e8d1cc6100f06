#pragma once

#include "expression.h"
#include "core/registerentry.h"
#include "expressioncompiler.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/** The eight defense-in-depth layers, in report order. */
enum class DefenseLayer {
    Image,
    SupplyChain,
    Orchestrator,
    Runtime,
    Host,
    Network,
    Identity,
    Monitoring
};

inline constexpr DefenseLayer allDefenseLayers[] = {
    DefenseLayer::Image,    DefenseLayer::SupplyChain, DefenseLayer::Orchestrator,
    DefenseLayer::Runtime,  DefenseLayer::Host,        DefenseLayer::Network,
    DefenseLayer::Identity, DefenseLayer::Monitoring,
};

/** Catalog spelling: "image", "supply-chain", ... */
std::string_view defenseLayerKey(DefenseLayer layer);
std::optional<DefenseLayer> defenseLayerFromKey(std::string_view key);
/** "Image & build", "Registry & supply chain", ... for reports. */
std::string_view defenseLayerTitle(DefenseLayer layer);

std::string_view ruleScopeKey(RuleScope scope);

/**
 * Whether a subject reachable from the internet makes the threat likelier (catalog key
 * "reachability", docs/risk-model.md): only threats exploited over a network path to the subject
 * (exposed services, unauthenticated APIs, interception) are raised; image content, supply chain,
 * host configuration and the like are not.
 */
enum class Reachability : std::uint8_t { RaisesLikelihood, Irrelevant };

/** Catalog spelling: "raises-likelihood", "irrelevant". */
std::string_view reachabilityKey(Reachability reachability);
std::optional<Reachability> reachabilityFromKey(std::string_view key);

/** A citation: NIST section, ATT&CK technique, CIS recommendation (with version), ... */
struct Reference
{
    std::string source;
    std::string id;
    /** Benchmark version (CIS) or list edition (OWASP); empty for the others. */
    std::string version;
};

/** Where a reference points, for reports (empty when no stable address is known). */
std::string referenceUrl(const Reference &reference);
/**
 * Whether a report may write `url` as a link: https only, and no space, control character,
 * quote, angle bracket or backslash, nor any of `alsoRefused` (the characters that would end
 * the link in the report's own markup: "'" in HTML, "()[]" in Markdown). Catalogs can come
 * from users, so their addresses are not trusted.
 */
bool safeUrl(std::string_view url, std::string_view alsoRefused = {});
/** "NIST SP 800-190 4.4.3", "CIS Docker 1.6.0 5.4", "MITRE ATT&CK T1611", ... */
std::string referenceLabel(const Reference &reference);

/** How a mitigation can be seen in place: from the model's properties, or only in review. */
enum class MitigationEvidence {
    /** An implementedWhen (the mitigation's or each linking threat's) reads the model. */
    Model,
    /** A process or organisational control no property of the model shows. */
    Process
};

/** Catalog spelling: "model", "process". */
std::string_view mitigationEvidenceKey(MitigationEvidence evidence);
std::optional<MitigationEvidence> mitigationEvidenceFromKey(std::string_view key);

struct Mitigation
{
    std::string id;
    std::string title;
    std::string description;
    DefenseLayer layer = DefenseLayer::Runtime;
    /** Empty when no property of the model expresses the control. */
    std::string implementedWhen;
    /** Process: the model cannot show the control, so it never counts as implemented. */
    MitigationEvidence evidence = MitigationEvidence::Model;
    std::vector<Reference> references;
    std::string sourceFile;
};

/** Most mitigations one threat may link: the analysis keeps their state in 64 bits. */
inline constexpr std::size_t maxMitigationsPerThreat = 64;

/** A threat's link to a mitigation, with the check compiled in the threat's scope. */
struct MitigationLink
{
    std::string id;
    /** The threat's own check for this control; empty to use the mitigation's. */
    std::string implementedWhenOverride;
    /** Process: for this threat's subject the model cannot show the control. */
    MitigationEvidence evidence = MitigationEvidence::Model;
    /** Set by Catalog::finalize(). */
    const Mitigation *mitigation = nullptr;
    CompiledExpression implementedWhen;

    /** Whether only a review can confirm the control here (the link's or the mitigation's mark). */
    bool processControl() const
    {
        return evidence == MitigationEvidence::Process
               || (mitigation && mitigation->evidence == MitigationEvidence::Process);
    }
};

/** Most threats one threat may supersede: the analysis records the hidden ones in 64 bits. */
inline constexpr std::size_t maxSupersededPerThreat = 64;

/** A catalog threat: what it is, where it applies, the rule that finds it and its controls. */
struct ThreatRule
{
    std::string id;
    std::string title;
    std::string description;
    /** STRIDE letters, primary first. */
    std::string stride;
    RuleScope scope = RuleScope::Element;
    /** Element scope: kinds; flow scope: source and target kinds (empty = any). */
    std::vector<std::string> appliesTo;
    std::vector<std::string> sourceKinds;
    std::vector<std::string> targetKinds;
    std::string when;
    int likelihood = 2;
    int impact = 2;
    /** Raises-likelihood when the catalog leaves it out, as before the key existed. */
    Reachability reachability = Reachability::RaisesLikelihood;
    /** Whether the catalog said it; `catalog lint` requires it of every threat. */
    bool reachabilityDeclared = false;
    std::vector<MitigationLink> mitigations;
    std::vector<Reference> references;
    std::vector<std::string> sourceRefs;
    /**
     * Threats this one covers: when it fires on a subject, these are not reported on that
     * subject. At most maxSupersededPerThreat, checked by Catalog::finalize().
     */
    std::vector<std::string> supersedes;
    /**
     * Flow scope: reported once per target element, on the first flow into it that fires (one
     * that fires outright before one that needs confirmation); the others are counted on it.
     */
    bool reportedOncePerTarget = false;
    /**
     * The most a finding that rests on unknown values is rated, when below the analysis's own
     * cap: a question about a protection nobody described (NET-06) asks at low, while a stated
     * absence keeps the matrix's rating.
     */
    std::optional<Severity> maxUnconfirmedSeverity;
    /** The threat's own test cases, as JSON text (see docs/catalog-format.md). */
    std::string testsJson;
    std::string sourceFile;

    /** Set by Catalog::finalize(). */
    CompiledExpression compiledWhen;
    std::vector<const ElementKind *> subjectKinds;
    std::vector<const ElementKind *> sourceKindPointers;
    std::vector<const ElementKind *> targetKindPointers;
    /** The rules named by `supersedes`, in the same order. */
    std::vector<const ThreatRule *> supersededRules;

    char primaryStride() const { return stride.empty() ? '?' : stride.front(); }
};

} // namespace bulkhead
