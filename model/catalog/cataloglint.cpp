#include "cataloglint.h"

#include "catalog.h"
#include "deployment.h"
#include "expressionintrospection.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

namespace bulkhead {

namespace {

/**
 * Properties the analysis reads by name rather than through a rule: `inScope` decides what is
 * analysed and `networks` which networks count an element as a member (modelindex.cpp),
 * `dataClassification` and `carriesSecrets` raise the impact (analysis.cpp), a host's
 * `internetFacing` says whether what listens on it from outside is reachable from the internet
 * (modelindex.cpp), and a kind's generated `deployedAs` decides which kind's rules run
 * (modelindex.cpp). They drive findings, so they are never "unread".
 */
constexpr std::string_view commonElementPropertiesTheAnalysisReads[] = {
    "inScope", "dataClassification", "networks"};
constexpr std::string_view kindPropertiesTheAnalysisReads[] = {"internetFacing"};
constexpr std::string_view flowPropertiesTheAnalysisReads[] = {"dataClassification",
                                                               "carriesSecrets"};

template<std::size_t N>
bool listed(const std::string_view (&names)[N], const std::string &name)
{
    return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::set<const PropertySpec *> propertiesTheRulesRead(const Catalog &catalog)
{
    std::set<const PropertySpec *> read;
    auto add = [&](const CompiledExpression &expression) {
        for (const PropertySpec *spec : propertiesRead(expression))
            read.insert(spec);
    };
    for (const ThreatRule &threat : catalog.threats()) {
        add(threat.compiledWhen);
        for (const MitigationLink &link : threat.mitigations)
            add(link.implementedWhen);
    }
    return read;
}

class UnreadPropertyCheck
{
public:
    explicit UnreadPropertyCheck(const Catalog &catalog)
        : m_read(propertiesTheRulesRead(catalog))
    {}

    void check(const PropertySpec &spec, const std::string &owner, bool analysisReadsIt)
    {
        const bool read = analysisReadsIt || m_read.count(&spec) > 0;
        if (!read && !spec.descriptive) {
            m_problems.push_back({spec.sourceFile, owner + " " + spec.name
                                                       + ": no rule or implementedWhen reads it; "
                                                         "wire it into one, or mark it "
                                                         "\"descriptive\": true"});
        } else if (read && spec.descriptive) {
            m_problems.push_back(
                {spec.sourceFile, owner + " " + spec.name
                                      + ": marked \"descriptive\" but read by a rule or the "
                                        "analysis; drop the mark"});
        }
    }

    std::vector<LintProblem> take() { return std::move(m_problems); }

private:
    std::set<const PropertySpec *> m_read;
    std::vector<LintProblem> m_problems;
};

} // namespace

std::vector<LintProblem> mitigationsWithoutEvidence(const Catalog &catalog)
{
    std::vector<LintProblem> problems;
    for (const Mitigation &mitigation : catalog.mitigations()) {
        if (mitigation.evidence == MitigationEvidence::Process
            || !mitigation.implementedWhen.empty())
            continue;
        std::string uncheckedBy;
        bool linked = false;
        for (const ThreatRule &threat : catalog.threats()) {
            for (const MitigationLink &link : threat.mitigations) {
                if (link.id != mitigation.id)
                    continue;
                linked = true;
                if (link.implementedWhenOverride.empty() && !link.processControl())
                    uncheckedBy += (uncheckedBy.empty() ? "" : ", ") + threat.id;
            }
        }
        if (linked && uncheckedBy.empty())
            continue; // every linking threat gives its own check
        std::string message = "mitigation " + mitigation.id
                              + ": no implementedWhen and no \"evidence\": \"process\", so it "
                                "can never count as implemented";
        if (!uncheckedBy.empty())
            message += " (linked without a check by " + uncheckedBy + ")";
        problems.push_back({mitigation.sourceFile, std::move(message)});
    }
    return problems;
}

std::vector<LintProblem> shadowedImageRepositories(const Catalog &catalog)
{
    auto canonical = [](std::string name) {
        for (char &c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const std::string_view prefix : {"docker.io/", "index.docker.io/", "library/"})
            if (name.starts_with(prefix))
                name.erase(0, prefix.size());
        return name;
    };
    std::vector<LintProblem> problems;
    std::map<std::string, std::string> firstEntry;
    for (const WellKnownImage &image : catalog.images().entries()) {
        for (const ImageRepository &repository : image.repositories) {
            const auto [it, added] = firstEntry.emplace(canonical(repository.name), image.id);
            if (!added && it->second != image.id)
                problems.push_back({image.sourceFile, "image " + image.id + ": repository "
                                                          + repository.name + " is listed by image "
                                                          + it->second
                                                          + " too, which lookups find first"});
        }
    }
    return problems;
}

std::vector<LintProblem> unreadProperties(const Catalog &catalog)
{
    UnreadPropertyCheck check(catalog);
    for (const PropertySpec &spec : catalog.commonElementProperties())
        check.check(spec, "common element property",
                    listed(commonElementPropertiesTheAnalysisReads, spec.name));
    for (const PropertySpec &spec : catalog.commonBoundaryProperties())
        check.check(spec, "common boundary property", false);
    for (const PropertySpec &spec : catalog.flowProperties())
        check.check(spec, "flow property", listed(flowPropertiesTheAnalysisReads, spec.name));
    for (const ElementKind &kind : catalog.elementKinds()) {
        for (const PropertySpec &spec : kind.properties)
            check.check(spec, "kind " + kind.id + ": property",
                        spec.name == deployedAsProperty
                            || listed(kindPropertiesTheAnalysisReads, spec.name));
    }
    return check.take();
}

} // namespace bulkhead
