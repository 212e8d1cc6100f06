#include "validator.h"

#include "catalog/catalog.h"
#include "core/displaytext.h"
#include "core/itemref.h"
#include "core/modellimits.h"
#include "core/threatmodel.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace bulkhead {

namespace {

// Names and ids come from the file and messages are printed on terminals and in logs: every
// one is shown escaped and cut short (core/displaytext.h). Diagnostic::subject keeps the id
// itself, for programs.
std::string quoted(const std::string &text)
{
    return displayQuoted(text);
}

std::string shown(const std::string &text)
{
    return displayExcerpt(text);
}

std::string describeElement(const Element &e)
{
    return describeObject("element", e.name, e.id);
}

std::string describeBoundary(const Boundary &b)
{
    return describeObject("boundary", b.name, b.id);
}

std::string describeFlow(const Flow &f)
{
    return describeObject("flow", f.name, f.id);
}

/** "a → b → c → a", with the middle of a very long cycle left out. */
std::string cycleText(const ThreatModel &model, const std::vector<std::size_t> &cycle)
{
    constexpr std::size_t head = 8;
    constexpr std::size_t tail = 2;
    std::string text;
    for (std::size_t i = 0; i < cycle.size(); ++i) {
        if (cycle.size() > head + tail && i == head) {
            text += "… (" + groupedNumber(cycle.size() - head - tail) + " more) → ";
            i = cycle.size() - tail;
        }
        text += shown(model.boundaries()[cycle[i]].id) + " → ";
    }
    return text + shown(model.boundaries()[cycle.front()].id);
}

class Validator
{
public:
    Validator(const ThreatModel &model, const Catalog &catalog)
        : m_model(model)
        , m_catalog(catalog)
    {}

    std::vector<Diagnostic> run()
    {
        // Budgets first (core/limits.h): a model over them was made in memory, as a file over
        // them does not load.
        forEachBudgetProblem(m_model, [this](BudgetProblem problem) {
            error(std::move(problem.code), std::move(problem.subject), std::move(problem.message));
            return true;
        });
        checkDuplicateIds();
        checkBoundaries();
        checkElements();
        checkFlows();
        checkRegister();
        checkManualThreats();
        return std::move(m_findings);
    }

private:
    void add(DiagnosticSeverity severity, std::string code, std::string subject,
             std::string message)
    {
        m_findings.push_back({severity, std::move(code), std::move(subject), std::move(message)});
    }
    void error(std::string code, std::string subject, std::string message)
    {
        add(DiagnosticSeverity::Error, std::move(code), std::move(subject), std::move(message));
    }
    void warning(std::string code, std::string subject, std::string message)
    {
        add(DiagnosticSeverity::Warning, std::move(code), std::move(subject), std::move(message));
    }

    void checkDuplicateIds()
    {
        std::map<std::string, std::string> firstHolder;
        auto visit = [&](const std::string &id, const std::string &what) {
            const auto [it, inserted] = firstHolder.emplace(id, what);
            if (!inserted) {
                error("duplicate-id", id,
                      "id " + quoted(id) + " is used by " + it->second + " and again by " + what
                          + "; every element, flow, boundary and manual threat needs its own id");
            }
        };
        for (const Boundary &b : m_model.boundaries())
            visit(b.id, describeBoundary(b));
        for (const Element &e : m_model.elements())
            visit(e.id, describeElement(e));
        for (const Flow &f : m_model.flows())
            visit(f.id, describeFlow(f));
        for (const ManualThreat &t : m_model.manualThreats())
            visit(t.id, "manual threat " + quoted(t.id));
    }

    void checkProperties(const PropertyMap &properties, const std::string &subject,
                         const std::string &what, const ElementKind *kind)
    {
        for (const auto &[name, value] : properties) {
            const PropertySpec *spec = kind ? m_catalog.findElementProperty(*kind, properties, name)
                                            : m_catalog.findFlowProperty(name);
            if (!spec) {
                error("unknown-property", subject,
                      what + " has property " + quoted(name) + ", which "
                          + (kind ? "kind " + quoted(kind->id) : std::string("a flow"))
                          + " does not define" + (kind ? deployedOnlyHint(*kind, name) : ""));
                continue;
            }
            if (const std::string problem = spec->checkValue(value); !problem.empty()) {
                error("property-type", subject,
                      what + ": property " + quoted(name) + " " + displayText(problem));
            }
        }
    }

    /** Says when the property belongs to a kind the element could be deployed as. */
    static std::string deployedOnlyHint(const ElementKind &kind, const std::string &name)
    {
        for (const ElementKind *other : kind.deployableKinds) {
            const bool defines = std::any_of(
                other->properties.begin(), other->properties.end(),
                [&name](const PropertySpec &spec) { return spec.name == name; });
            if (defines)
                return " unless it is deployed as a " + other->id + " (deployedAs "
                       + quoted(other->id) + ")";
        }
        return {};
    }

    const ElementKind *checkKind(const std::string &kindId, bool wantBoundary,
                                 const std::string &subject, const std::string &what)
    {
        const ElementKind *kind = m_catalog.findKind(kindId);
        if (!kind) {
            error("unknown-kind", subject,
                  what + " has unknown kind " + quoted(kindId)
                      + "; its properties cannot be checked or analysed");
            return nullptr;
        }
        if (kind->isBoundary() != wantBoundary) {
            error("kind-role-mismatch", subject,
                  what + " has kind " + quoted(kindId) + ", which is "
                      + (kind->isBoundary() ? "a boundary kind; elements need a node kind"
                                            : "a node kind; boundaries need a boundary kind"));
            return nullptr;
        }
        return kind;
    }

    void checkBoundaries()
    {
        const std::vector<std::vector<std::size_t>> cycles = boundaryCycles(m_model);
        std::unordered_map<std::size_t, const std::vector<std::size_t> *> cycleStarts;
        for (const std::vector<std::size_t> &cycle : cycles)
            cycleStarts.emplace(cycle.front(), &cycle);
        const auto &boundaries = m_model.boundaries();
        for (std::size_t i = 0; i < boundaries.size(); ++i) {
            const Boundary &b = boundaries[i];
            const std::string what = describeBoundary(b);
            if (const ElementKind *kind = checkKind(b.kind, true, b.id, what))
                checkProperties(b.properties, b.id, what, kind);
            if (!b.parent.empty() && !m_model.findBoundary(b.parent)) {
                error("unknown-boundary", b.id,
                      what + " names parent " + quoted(b.parent) + ", which is not a boundary");
            }
            if (const auto cycle = cycleStarts.find(i); cycle != cycleStarts.end())
                error("boundary-cycle", b.id,
                      what + " is inside itself: " + cycleText(m_model, *cycle->second));
        }
    }

    void checkElements()
    {
        // Every element with a flow, in one pass over the flows instead of one per element.
        std::unordered_set<std::string_view> connected;
        for (const Flow &f : m_model.flows()) {
            connected.insert(f.source);
            connected.insert(f.target);
        }
        for (const Element &e : m_model.elements()) {
            const std::string what = describeElement(e);
            if (const ElementKind *kind = checkKind(e.kind, false, e.id, what))
                checkProperties(e.properties, e.id, what, kind);
            if (!e.boundary.empty() && !m_model.findBoundary(e.boundary)) {
                error("unknown-boundary", e.id,
                      what + " sits in boundary " + quoted(e.boundary) + ", which does not exist");
            }
            if (e.name.empty())
                warning("unnamed-element", e.id, what + " has no name");
            if (!connected.count(e.id)) {
                warning("isolated-element", e.id,
                        what + " has no data flows; threats on interactions cannot be found");
            }
        }
    }

    void checkFlowEnd(const Flow &f, const std::string &end, const char *role)
    {
        if (m_model.findElement(end))
            return;
        const std::string what = describeFlow(f);
        if (m_model.findBoundary(end)) {
            error("dangling-flow", f.id,
                  what + " has " + role + " " + quoted(end)
                      + ", which is a boundary; flows connect elements");
        } else {
            error("dangling-flow", f.id,
                  what + " has " + role + " " + quoted(end) + ", which does not exist");
        }
    }

    void checkFlows()
    {
        for (const Flow &f : m_model.flows()) {
            const std::string what = describeFlow(f);
            checkFlowEnd(f, f.source, "source");
            checkFlowEnd(f, f.target, "target");
            if (f.source == f.target)
                error("self-flow", f.id, what + " goes from " + quoted(f.source) + " to itself");
            checkProperties(f.properties, f.id, what, nullptr);
            if (f.name.empty()) {
                warning("unnamed-flow", f.id, what + " has no name; say what data it carries");
            }
        }
    }

    void checkRegister()
    {
        std::set<std::string> seen;
        for (const RegisterEntry &entry : m_model.registerEntries()) {
            if (!seen.insert(entry.threat).second) {
                error("duplicate-register-entry", entry.threat,
                      "threat " + quoted(entry.threat)
                          + " has more than one register entry; only the first is used");
            }
        }
    }

    void checkManualThreats()
    {
        for (const ManualThreat &t : m_model.manualThreats()) {
            if (t.target.empty())
                continue;
            if (!findItem(m_model, t.target)) {
                error("unknown-threat-target", t.id,
                      "manual threat " + quoted(t.id) + " applies to " + quoted(t.target)
                          + ", which is not an element, flow or boundary");
            }
        }
    }

    const ThreatModel &m_model;
    const Catalog &m_catalog;
    std::vector<Diagnostic> m_findings;
};

} // namespace

std::vector<Diagnostic> validateModel(const ThreatModel &model, const Catalog &catalog)
{
    return Validator(model, catalog).run();
}

bool hasErrors(const std::vector<Diagnostic> &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == DiagnosticSeverity::Error; });
}

} // namespace bulkhead
