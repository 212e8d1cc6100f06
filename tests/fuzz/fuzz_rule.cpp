// libFuzzer harness: the rule compiler and evaluator (catalog/expressioncompiler,
// analysis/ruleevaluator) on arbitrary expression text. The text is compiled in every scope
// a catalog rule can have: element scope for each kind of the built-in catalog, flow scope
// with any ends and with both ends of each element kind, and model scope. Whatever compiles
// is evaluated, with and without recording its inputs, for every subject of the sample model
// it would apply to; what does not compile must say where, as "LINE:COLUMN: message".

#include "fuzzsupport.h"

#include "analysis/modelindex.h"
#include "analysis/ruleevaluator.h"
#include "catalog/catalog.h"
#include "catalog/expressioncompiler.h"

#include <cctype>
#include <vector>

namespace {

using namespace bulkhead;

std::vector<CompileContext> everyContext(const Catalog &catalog)
{
    std::vector<CompileContext> contexts;
    CompileContext base;
    base.catalog = &catalog;
    for (const ElementKind &kind : catalog.elementKinds()) {
        CompileContext element = base;
        element.scope = RuleScope::Element;
        element.subjectKinds = {&kind};
        contexts.push_back(element);
        if (kind.isBoundary())
            continue;
        CompileContext flow = base;
        flow.scope = RuleScope::Flow;
        flow.sourceKinds = {&kind};
        flow.targetKinds = {&kind};
        contexts.push_back(flow);
    }
    CompileContext anyFlow = base;
    anyFlow.scope = RuleScope::Flow;
    contexts.push_back(anyFlow);
    CompileContext model = base;
    model.scope = RuleScope::Model;
    contexts.push_back(model);
    return contexts;
}

bool matches(const std::vector<const ElementKind *> &kinds, const ElementKind *kind)
{
    return kinds.empty() || (kind && kinds.front() == kind);
}

/** The subjects the analysis would evaluate a rule of this context for. */
std::vector<RuleSubject> subjectsOf(const CompileContext &context, const ModelIndex &index)
{
    std::vector<RuleSubject> subjects;
    switch (context.scope) {
    case RuleScope::Element:
        for (std::size_t i = 0; i < index.elements.size(); ++i)
            if (index.elements[i].kind == context.subjectKinds.front())
                subjects.push_back({int(i), -1, -1});
        for (std::size_t i = 0; i < index.boundaries.size(); ++i)
            if (index.boundaries[i].kind == context.subjectKinds.front())
                subjects.push_back({-1, int(i), -1});
        break;
    case RuleScope::Flow:
        for (std::size_t i = 0; i < index.flows.size(); ++i) {
            const auto &flow = index.flows[i];
            if (flow.source < 0 || flow.target < 0)
                continue;
            if (matches(context.sourceKinds, index.elements[std::size_t(flow.source)].kind)
                && matches(context.targetKinds, index.elements[std::size_t(flow.target)].kind))
                subjects.push_back({-1, -1, int(i)});
        }
        break;
    case RuleScope::Model:
        subjects.push_back({});
        break;
    }
    return subjects;
}

/** "LINE:COLUMN: message", the form finalize() prefixes with file, rule and field. */
void expectPositionedError(const std::string &error)
{
    std::size_t at = 0;
    auto number = [&] {
        const std::size_t start = at;
        while (at < error.size() && std::isdigit(static_cast<unsigned char>(error[at])))
            ++at;
        return at > start;
    };
    const bool positioned = number() && at < error.size() && error[at++] == ':' && number()
                            && error.compare(at, 2, ": ") == 0 && error.size() > at + 2;
    if (!positioned)
        fuzz::fail("a compile error without a position: " + error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Catalog &catalog = builtInCatalog();
    static const std::vector<CompileContext> contexts = everyContext(catalog);
    static const ThreatModel &model = fuzz::sampleModel();
    static const ModelIndex index(model, catalog);
    const RuleEvaluator evaluator(model, index);

    const std::string_view text = fuzz::asText(data, size);
    for (const CompileContext &context : contexts) {
        const auto compiled = compileExpression(text, context);
        if (!compiled) {
            expectPositionedError(compiled.error());
            continue;
        }
        for (const RuleSubject &subject : subjectsOf(context, index)) {
            std::vector<RuleInput> inputs;
            const Truth plain = evaluator.evaluate(*compiled, subject);
            if (evaluator.evaluate(*compiled, subject, &inputs) != plain)
                fuzz::fail("recording the inputs changed a rule's value");
        }
    }
    return 0;
}
