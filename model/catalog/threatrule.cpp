#include "threatrule.h"

#include <algorithm>
#include <array>
#include <utility>

namespace bulkhead {

namespace {

struct LayerNames
{
    DefenseLayer layer;
    std::string_view key;
    std::string_view title;
};

constexpr std::array<LayerNames, 8> layerNames{{
    {DefenseLayer::Image, "image", "Image & build"},
    {DefenseLayer::SupplyChain, "supply-chain", "Registry & supply chain"},
    {DefenseLayer::Orchestrator, "orchestrator", "Orchestrator & control plane"},
    {DefenseLayer::Runtime, "runtime", "Container runtime & workload"},
    {DefenseLayer::Host, "host", "Host & kernel"},
    {DefenseLayer::Network, "network", "Network"},
    {DefenseLayer::Identity, "identity", "Identity & secrets"},
    {DefenseLayer::Monitoring, "monitoring", "Logging, audit & detection"},
}};

const LayerNames &namesOf(DefenseLayer layer)
{
    for (const LayerNames &names : layerNames) {
        if (names.layer == layer)
            return names;
    }
    return layerNames.front();
}

} // namespace

std::string_view mitigationEvidenceKey(MitigationEvidence evidence)
{
    return evidence == MitigationEvidence::Process ? "process" : "model";
}

std::optional<MitigationEvidence> mitigationEvidenceFromKey(std::string_view key)
{
    for (const MitigationEvidence evidence :
         {MitigationEvidence::Model, MitigationEvidence::Process}) {
        if (mitigationEvidenceKey(evidence) == key)
            return evidence;
    }
    return std::nullopt;
}

std::string_view defenseLayerKey(DefenseLayer layer)
{
    return namesOf(layer).key;
}

std::string_view defenseLayerTitle(DefenseLayer layer)
{
    return namesOf(layer).title;
}

std::optional<DefenseLayer> defenseLayerFromKey(std::string_view key)
{
    for (const LayerNames &names : layerNames) {
        if (names.key == key)
            return names.layer;
    }
    return std::nullopt;
}

std::string_view ruleScopeKey(RuleScope scope)
{
    switch (scope) {
    case RuleScope::Element:
        return "element";
    case RuleScope::Flow:
        return "flow";
    case RuleScope::Model:
        return "model";
    }
    return {};
}

std::string_view reachabilityKey(Reachability reachability)
{
    return reachability == Reachability::RaisesLikelihood ? "raises-likelihood" : "irrelevant";
}

std::optional<Reachability> reachabilityFromKey(std::string_view key)
{
    if (key == "raises-likelihood")
        return Reachability::RaisesLikelihood;
    if (key == "irrelevant")
        return Reachability::Irrelevant;
    return std::nullopt;
}

std::string referenceUrl(const Reference &r)
{
    if (r.source == "mitre-attack") {
        // T1611 → techniques/T1611/, T1552.007 → techniques/T1552/007/, M1048 → mitigations/
        std::string path = r.id;
        for (char &c : path) {
            if (c == '.')
                c = '/';
        }
        const char *section = !r.id.empty() && r.id.front() == 'M' ? "mitigations" : "techniques";
        return "https://attack.mitre.org/" + std::string(section) + "/" + path + "/";
    }
    if (r.source == "cwe" && r.id.rfind("CWE-", 0) == 0)
        return "https://cwe.mitre.org/data/definitions/" + r.id.substr(4) + ".html";
    if (r.source == "capec" && r.id.rfind("CAPEC-", 0) == 0)
        return "https://capec.mitre.org/data/definitions/" + r.id.substr(6) + ".html";
    if (r.source == "nist-800-190")
        return "https://doi.org/10.6028/NIST.SP.800-190";
    if (r.source == "ms-k8s-matrix")
        return "https://microsoft.github.io/Threat-Matrix-for-Kubernetes/";
    if (r.source == "owasp-k8s-top10")
        return "https://owasp.org/www-project-kubernetes-top-ten/";
    if (r.source == "owasp-docker-top10")
        return "https://owasp.org/www-project-docker-top-10/";
    return {};
}

bool safeUrl(std::string_view url, std::string_view alsoRefused)
{
    if (!url.starts_with("https://"))
        return false;
    return std::none_of(url.begin(), url.end(), [&](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>'
               || c == '\\' || alsoRefused.find(c) != std::string_view::npos;
    });
}

std::string referenceLabel(const Reference &r)
{
    if (r.source == "nist-800-190")
        return "NIST SP 800-190 §" + r.id;
    if (r.source == "mitre-attack")
        return "MITRE ATT&CK " + r.id;
    if (r.source == "ms-k8s-matrix")
        return "Microsoft Kubernetes threat matrix " + r.id;
    if (r.source == "cis-docker")
        return "CIS Docker Benchmark " + r.version + " " + r.id;
    if (r.source == "cis-kubernetes")
        return "CIS Kubernetes Benchmark " + r.version + " " + r.id;
    if (r.source == "owasp-k8s-top10")
        return "OWASP Kubernetes Top 10 (" + r.version + ") " + r.id;
    if (r.source == "owasp-docker-top10")
        return "OWASP Docker Top 10 (" + r.version + ") " + r.id;
    return r.id; // CWE-…, CAPEC-… carry their own prefix
}

} // namespace bulkhead
