#pragma once

// Private to the analysis: evaluates compiled rule expressions with three-valued logic.

#include "catalog/expression.h"
#include "core/contextdefaults.h"
#include "threat.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class ThreatModel;
struct ModelIndex;

/** Three-valued truth: unknown propagates (docs/rule-language.md). */
enum class Truth { False, True, Unknown };

/** The object a rule is evaluated for. */
struct RuleSubject
{
    /** Element, boundary or flow index in the model; all -1 for a model-scope rule. */
    int element = -1;
    int boundary = -1;
    int flow = -1;
};

class RuleEvaluator
{
public:
    RuleEvaluator(const ThreatModel &model, const ModelIndex &index)
        : m_model(model)
        , m_index(index)
    {}

    /** Evaluates a bool expression; records every value read into `inputs` when given. */
    Truth evaluate(const CompiledExpression &expression, const RuleSubject &subject,
                   std::vector<RuleInput> *inputs = nullptr) const;

    /** A runtime value; public only so helpers in the .cpp can name it. */
    struct Value;

private:
    /** The object a reference reads from: the subject, a flow's end or an enclosing boundary. */
    struct HolderView
    {
        const PropertyMap *properties = nullptr;
        const ElementKind *kind = nullptr;
        /** The kind an element is deployed as besides its own; its defaults come second. */
        const ElementKind *deployedAs = nullptr;
        const std::string *id = nullptr;
        const std::string *kindText = nullptr;
        const std::string *name = nullptr;
        /** An element's defaults from its boundaries, which come before its kind's. */
        const std::map<std::string, ContextDefault, std::less<>> *contextDefaults = nullptr;
    };
    HolderView holderOf(const ExpressionNode &n, const RuleSubject &s) const;

    Value eval(const CompiledExpression &e, int node, const RuleSubject &s,
               std::vector<RuleInput> *inputs) const;
    /** A property of the holder; `k.name` of an element on several networks of kind k reads
     *  each of them and is unknown where they disagree. */
    Value readProperty(const ExpressionNode &n, const RuleSubject &s,
                       std::vector<RuleInput> *inputs) const;
    Value readHeldProperty(const ExpressionNode &n, const HolderView &holder,
                           std::vector<RuleInput> *inputs) const;
    Value readBuiltin(const ExpressionNode &n, const RuleSubject &s,
                      std::vector<RuleInput> *inputs) const;
    bool functionValue(const ExpressionNode &n, const RuleSubject &s) const;
    /** openedFrom("internet") or reachableFrom("internet") where nobody said whether the
     *  connection can come from the internet (ModelIndex::FlowInfo::mayBeOpenedFromInternet). */
    bool mayComeFromInternet(const ExpressionNode &n, const RuleSubject &s) const;
    /** model.any("k", condition) over the in-scope elements of kind k. */
    Value anyElement(const CompiledExpression &e, const ExpressionNode &n,
                     std::vector<RuleInput> *inputs) const;

    /** memberCount(): the in-scope elements inside the subject boundary. */
    Value memberCount(const RuleSubject &s, std::vector<RuleInput> *inputs) const;

    const ThreatModel &m_model;
    const ModelIndex &m_index;
    /** For model.any(): the in-scope elements of each kind, by ModelIndex::kindIndex. */
    mutable std::vector<std::vector<int>> m_elementsOfKind;
};

/** True when `text` matches a glob with `*` (any run) and `?` (one character). */
bool globMatch(std::string_view pattern, std::string_view text);

} // namespace bulkhead
