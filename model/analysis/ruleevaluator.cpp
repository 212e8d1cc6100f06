#include "ruleevaluator.h"

#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "modelindex.h"

#include <algorithm>
#include <iterator>

namespace bulkhead {

struct RuleEvaluator::Value
{
    enum class Kind { Unknown, Bool, Int, String, StringList, IntList };
    Kind kind = Kind::Unknown;
    bool b = false;
    std::int64_t i = 0;
    std::string_view s;
    const StringList *strings = nullptr;
    const std::vector<std::int64_t> *ints = nullptr;

    static Value unknown() { return {}; }
    static Value boolean(bool v)
    {
        Value x;
        x.kind = Kind::Bool;
        x.b = v;
        return x;
    }
    static Value truth(Truth t)
    {
        return t == Truth::Unknown ? unknown() : boolean(t == Truth::True);
    }
    Truth asTruth() const
    {
        return kind == Kind::Bool ? (b ? Truth::True : Truth::False) : Truth::Unknown;
    }
};

namespace {

using Value = RuleEvaluator::Value;

/** Whether two values read from different holders say the same; unknown equals unknown. */
bool sameValue(const Value &a, const Value &b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case Value::Kind::Unknown:
        return true;
    case Value::Kind::Bool:
        return a.b == b.b;
    case Value::Kind::Int:
        return a.i == b.i;
    case Value::Kind::String:
        return a.s == b.s;
    case Value::Kind::StringList:
        return *a.strings == *b.strings;
    case Value::Kind::IntList:
        return *a.ints == *b.ints;
    }
    return false;
}

Truth notTruth(Truth t)
{
    return t == Truth::Unknown ? t : (t == Truth::True ? Truth::False : Truth::True);
}

std::string displayValue(const PropertyValue &value)
{
    return propertyValueToDisplayString(value);
}

/** The value of a property as the rule sees it: tri strings as bools, "unknown" as unknown. */
Value toValue(const PropertyValue &stored, const ExpressionNode &n)
{
    if (n.property.tri) {
        const auto *text = std::get_if<std::string>(&stored);
        if (!text)
            return Value::unknown(); // wrong type in the file: validation reports it
        if (*text == "yes")
            return Value::boolean(true);
        if (*text == "no")
            return Value::boolean(false);
        return Value::unknown();
    }
    Value v;
    switch (n.type) {
    case ValueType::Bool:
        if (const auto *b = std::get_if<bool>(&stored))
            return Value::boolean(*b);
        return Value::unknown();
    case ValueType::Int:
        if (const auto *i = std::get_if<std::int64_t>(&stored)) {
            v.kind = Value::Kind::Int;
            v.i = *i;
        }
        return v;
    case ValueType::String:
        if (const auto *s = std::get_if<std::string>(&stored)) {
            if (*s == "unknown")
                return Value::unknown();
            v.kind = Value::Kind::String;
            v.s = *s;
        }
        return v;
    case ValueType::StringList:
        if (const auto *l = std::get_if<StringList>(&stored)) {
            v.kind = Value::Kind::StringList;
            v.strings = l;
        }
        return v;
    case ValueType::IntList:
        break;
    }
    return v;
}

Truth compareValues(NodeOp op, const Value &a, const Value &b)
{
    if (a.kind == Value::Kind::Unknown || b.kind == Value::Kind::Unknown)
        return Truth::Unknown;
    int order = 0;
    switch (a.kind) {
    case Value::Kind::Bool:
        order = int(a.b) - int(b.b);
        break;
    case Value::Kind::Int:
        order = a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
        break;
    case Value::Kind::String:
        order = a.s.compare(b.s);
        break;
    default:
        return Truth::Unknown;
    }
    bool result = false;
    switch (op) {
    case NodeOp::Equal:
        result = order == 0;
        break;
    case NodeOp::NotEqual:
        result = order != 0;
        break;
    case NodeOp::Less:
        result = order < 0;
        break;
    case NodeOp::LessEqual:
        result = order <= 0;
        break;
    case NodeOp::Greater:
        result = order > 0;
        break;
    case NodeOp::GreaterEqual:
        result = order >= 0;
        break;
    default:
        break;
    }
    return result ? Truth::True : Truth::False;
}

/** A mount ("PATH" or "PATH:ro") whose host path the list holds (mountsUnder()). */
bool isListedMount(const PathList &list, std::string_view mount)
{
    return matchPathList(list, mount.substr(0, mount.find(':'))).has_value();
}

} // namespace

bool globMatch(std::string_view pattern, std::string_view text)
{
    // Iterative matcher with one backtrack point: linear in practice, no recursion.
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

Truth RuleEvaluator::evaluate(const CompiledExpression &expression, const RuleSubject &subject,
                              std::vector<RuleInput> *inputs) const
{
    if (expression.empty())
        return Truth::False;
    return eval(expression, expression.root, subject, inputs).asTruth();
}

RuleEvaluator::HolderView RuleEvaluator::holderOf(const ExpressionNode &n,
                                                  const RuleSubject &s) const
{
    HolderView h;
    auto useElement = [&](int index) {
        if (index < 0)
            return;
        const Element &e = m_model.elements()[static_cast<std::size_t>(index)];
        const ModelIndex::ElementInfo &info = m_index.elements[static_cast<std::size_t>(index)];
        h = {&e.properties, info.kind, info.deployedAs,      &e.id,
             &e.kind,       &e.name,   &info.contextDefaults};
    };
    auto useBoundary = [&](int index) {
        const Boundary &b = m_model.boundaries()[static_cast<std::size_t>(index)];
        h = {&b.properties, m_index.boundaries[static_cast<std::size_t>(index)].kind,
             nullptr,       &b.id,
             &b.kind,       &b.name};
    };
    const ModelIndex::FlowInfo *flow = s.flow >= 0
                                           ? &m_index.flows[static_cast<std::size_t>(s.flow)]
                                           : nullptr;
    switch (n.property.holder) {
    case Holder::Subject:
        if (flow) {
            const Flow &f = m_model.flows()[static_cast<std::size_t>(s.flow)];
            h = {&f.properties, nullptr, nullptr, &f.id, nullptr, &f.name};
        } else if (s.element >= 0) {
            useElement(s.element);
        } else if (s.boundary >= 0) {
            useBoundary(s.boundary);
        }
        break;
    case Holder::Source:
        if (flow)
            useElement(flow->source);
        break;
    case Holder::Target:
        if (flow)
            useElement(flow->target);
        break;
    case Holder::EnclosingBoundary: {
        const std::vector<int> *chain =
            s.element >= 0    ? &m_index.elements[static_cast<std::size_t>(s.element)].chain
            : s.boundary >= 0 ? &m_index.boundaries[static_cast<std::size_t>(s.boundary)].chain
                              : nullptr;
        if (chain) {
            for (const int b : *chain) {
                if (m_index.boundaries[static_cast<std::size_t>(b)].kind
                    == n.property.boundaryKind) {
                    useBoundary(b);
                    break;
                }
            }
        }
        if (!h.properties && s.element >= 0)
            for (const int b : m_index.elements[static_cast<std::size_t>(s.element)].attached)
                if (!h.properties
                    && m_index.boundaries[static_cast<std::size_t>(b)].kind
                           == n.property.boundaryKind)
                    useBoundary(b);
        if (!h.properties)
            h.kind = n.property.boundaryKind; // no such boundary: its kind's default applies
        break;
    }
    }
    return h;
}

Value RuleEvaluator::readProperty(const ExpressionNode &n, const RuleSubject &s,
                                  std::vector<RuleInput> *inputs) const
{
    const HolderView holder = holderOf(n, s);
    const Value value = readHeldProperty(n, holder, inputs);
    if (n.property.holder != Holder::EnclosingBoundary || s.element < 0)
        return value;
    // An element on several networks of the kind is inside each of them: what they all say
    // holds for it, and where they disagree nothing does.
    bool agree = true;
    for (const int b : m_index.elements[static_cast<std::size_t>(s.element)].attached) {
        const Boundary &network = m_model.boundaries()[static_cast<std::size_t>(b)];
        if (m_index.boundaries[static_cast<std::size_t>(b)].kind != n.property.boundaryKind
            || &network.properties == holder.properties)
            continue;
        const HolderView other{&network.properties,
                               m_index.boundaries[static_cast<std::size_t>(b)].kind,
                               nullptr,
                               &network.id,
                               &network.kind,
                               &network.name};
        agree = sameValue(readHeldProperty(n, other, inputs), value) && agree;
    }
    return agree ? value : Value::unknown();
}

Value RuleEvaluator::readHeldProperty(const ExpressionNode &n, const HolderView &holder,
                                      std::vector<RuleInput> *inputs) const
{
    const PropertyValue *stored = nullptr;
    bool isDefault = false;
    if (holder.properties) {
        const auto it = holder.properties->find(n.property.name);
        if (it != holder.properties->end())
            stored = &it->second;
    }
    const ContextDefault *assumed = nullptr;
    if (!stored && holder.contextDefaults) {
        const auto it = holder.contextDefaults->find(n.property.name);
        if (it != holder.contextDefaults->end()) {
            assumed = &it->second;
            stored = &assumed->value;
            isDefault = true;
        }
    }
    if (!stored) {
        isDefault = true;
        // The element's own kind's default first, then the kind it is deployed as.
        for (const ElementKind *kind : {holder.kind, holder.deployedAs}) {
            for (const auto &[specKind, spec] : n.property.specs) {
                if (!stored && (specKind == nullptr || specKind == kind)) {
                    stored = &spec->defaultValue;
                    break;
                }
            }
        }
    }
    const Value value = stored ? toValue(*stored, n) : Value::unknown();
    if (inputs) {
        RuleInput input;
        input.reference = n.stringValue;
        input.holderId = holder.id ? *holder.id : std::string();
        input.property = n.property.name;
        input.value = stored ? displayValue(*stored) : std::string("unknown");
        input.isDefault = isDefault;
        if (assumed)
            input.assumedBecause = assumed->reason;
        input.unknown = value.kind == Value::Kind::Unknown;
        inputs->push_back(std::move(input));
    }
    return value;
}

Value RuleEvaluator::readBuiltin(const ExpressionNode &n, const RuleSubject &s,
                                 std::vector<RuleInput> *inputs) const
{
    const HolderView holder = holderOf(n, s);
    const std::string *text = n.op == NodeOp::KindOf ? holder.kindText : holder.name;
    Value v;
    if (text) {
        v.kind = Value::Kind::String;
        v.s = *text;
    }
    if (inputs && text) {
        RuleInput input;
        input.reference = n.stringValue;
        input.holderId = holder.id ? *holder.id : std::string();
        input.value = *text;
        inputs->push_back(std::move(input));
    }
    return v;
}

bool RuleEvaluator::functionValue(const ExpressionNode &n, const RuleSubject &s) const
{
    const ElementKind *kind = n.kindArgument;
    auto elementKindIs = [&](int element) {
        return element >= 0 && m_index.elements[static_cast<std::size_t>(element)].isKind(kind);
    };
    switch (n.op) {
    case NodeOp::Crosses:
        return s.flow >= 0 && m_index.flowCrossesKind(s.flow, kind);
    case NodeOp::OpenedFrom:
        return s.flow >= 0
               && (m_index.flowOpenedFrom(s.flow, kind)
                   || (kind->id == "internet"
                       && m_index.flows[static_cast<std::size_t>(s.flow)].openedFromInternet));
    case NodeOp::Inside: {
        if (s.element < 0)
            return false;
        // Drawn inside, or listed in its `networks` while drawn elsewhere.
        const auto &info = m_index.elements[static_cast<std::size_t>(s.element)];
        auto ofKind = [&](int b) {
            return m_index.boundaries[static_cast<std::size_t>(b)].kind == kind;
        };
        return std::any_of(info.chain.begin(), info.chain.end(), ofKind)
               || std::any_of(info.attached.begin(), info.attached.end(), ofKind);
    }
    case NodeOp::ReachableFrom: {
        if (s.element < 0)
            return false;
        const auto &element = m_index.elements[static_cast<std::size_t>(s.element)];
        return std::any_of(element.accepted.begin(), element.accepted.end(),
                           [&](int f) { return m_index.flowOpenedFrom(f, kind); })
               || (kind->id == "internet" && element.reachableFromInternet);
    }
    case NodeOp::HasFlowFrom:
    case NodeOp::HasFlowTo: {
        if (s.element < 0)
            return false;
        const auto &info = m_index.elements[static_cast<std::size_t>(s.element)];
        const bool outgoing = n.op == NodeOp::HasFlowTo;
        for (const int f : outgoing ? info.outbound : info.inbound) {
            const auto &flow = m_index.flows[static_cast<std::size_t>(f)];
            // For a bidirectional flow the far end is whichever end is not the subject.
            const int far = flow.source == s.element ? flow.target : flow.source;
            if (elementKindIs(far))
                return true;
        }
        return false;
    }
    case NodeOp::ModelHas: {
        const int k = m_index.kindIndex(kind);
        return k >= 0 && m_index.kindCounts[static_cast<std::size_t>(k)] > 0;
    }
    default:
        return false;
    }
}

Value RuleEvaluator::anyElement(const CompiledExpression &e, const ExpressionNode &n,
                                std::vector<RuleInput> *inputs) const
{
    // True when one element of the kind satisfies the condition; unknown when none does but
    // some might. The explanation lists what the deciding elements read.
    if (m_elementsOfKind.empty()) {
        // Built once: a rule on every container may ask model.any() each time.
        m_elementsOfKind.resize(m_index.kindCounts.size());
        for (std::size_t i = 0; i < m_index.elements.size(); ++i) {
            const auto &info = m_index.elements[i];
            for (const ElementKind *kind : {info.kind, info.deployedAs}) {
                if (const int k = m_index.kindIndex(kind); k >= 0 && info.inScope)
                    m_elementsOfKind[static_cast<std::size_t>(k)].push_back(static_cast<int>(i));
            }
        }
    }
    const int k = m_index.kindIndex(n.kindArgument);
    static const std::vector<int> none;
    const std::vector<int> &elements = k >= 0
                                               && static_cast<std::size_t>(k)
                                                      < m_elementsOfKind.size()
                                           ? m_elementsOfKind[static_cast<std::size_t>(k)]
                                           : none;
    Truth result = Truth::False;
    std::vector<RuleInput> undecided;
    for (std::size_t i = 0; i < elements.size() && result != Truth::True; ++i) {
        RuleSubject element;
        element.element = elements[i];
        std::vector<RuleInput> read;
        const Truth truth = eval(e, n.children[0], element, inputs ? &read : nullptr).asTruth();
        if (truth == Truth::True) {
            result = Truth::True;
            undecided = std::move(read);
        } else if (truth == Truth::Unknown) {
            result = Truth::Unknown;
            std::move(read.begin(), read.end(), std::back_inserter(undecided));
        }
    }
    if (inputs) {
        RuleInput summary;
        summary.reference = n.stringValue + "(\"" + n.kindArgument->id + "\", ...)";
        summary.value = result == Truth::True    ? "true"
                        : result == Truth::False ? "false"
                                                 : "unknown";
        summary.unknown = result == Truth::Unknown;
        inputs->push_back(std::move(summary));
        std::move(undecided.begin(), undecided.end(), std::back_inserter(*inputs));
    }
    return Value::truth(result);
}

bool RuleEvaluator::mayComeFromInternet(const ExpressionNode &n, const RuleSubject &s) const
{
    if (n.kindArgument->id != "internet")
        return false;
    if (n.op == NodeOp::OpenedFrom && s.flow >= 0)
        return m_index.flows[static_cast<std::size_t>(s.flow)].mayBeOpenedFromInternet;
    if (n.op == NodeOp::ReachableFrom && s.element >= 0)
        return m_index.elements[static_cast<std::size_t>(s.element)].mayBeReachableFromInternet;
    return false;
}

Value RuleEvaluator::memberCount(const RuleSubject &s, std::vector<RuleInput> *inputs) const
{
    // Elements at any depth inside the subject boundary, and those attached to it through their
    // `networks` while drawn elsewhere; an element subject has none.
    Value v;
    v.kind = Value::Kind::Int;
    v.i = s.boundary < 0
              ? 0
              : std::count_if(
                  m_index.elements.begin(), m_index.elements.end(),
                  [&](const ModelIndex::ElementInfo &info) {
                      return info.inScope
                             && (std::find(info.chain.begin(), info.chain.end(), s.boundary)
                                     != info.chain.end()
                                 || std::binary_search(info.attached.begin(), info.attached.end(),
                                                       s.boundary));
                  });
    if (inputs) {
        RuleInput input;
        input.reference = "memberCount()";
        input.value = std::to_string(v.i);
        inputs->push_back(std::move(input));
    }
    return v;
}

Value RuleEvaluator::eval(const CompiledExpression &e, int index, const RuleSubject &s,
                          std::vector<RuleInput> *inputs) const
{
    const ExpressionNode &n = e.nodes[static_cast<std::size_t>(index)];
    auto child = [&](std::size_t i) { return eval(e, n.children[i], s, inputs); };
    Value v;
    switch (n.op) {
    case NodeOp::BoolLiteral:
        return Value::boolean(n.boolValue);
    case NodeOp::IntLiteral:
        v.kind = Value::Kind::Int;
        v.i = n.intValue;
        return v;
    case NodeOp::StringLiteral:
        v.kind = Value::Kind::String;
        v.s = n.stringValue;
        return v;
    case NodeOp::StringListLiteral:
        v.kind = Value::Kind::StringList;
        v.strings = &n.stringList;
        return v;
    case NodeOp::IntListLiteral:
        v.kind = Value::Kind::IntList;
        v.ints = &n.intList;
        return v;
    case NodeOp::Property:
        return readProperty(n, s, inputs);
    case NodeOp::KindOf:
    case NodeOp::NameOf:
        return readBuiltin(n, s, inputs);
    case NodeOp::Not:
        return Value::truth(notTruth(child(0).asTruth()));
    case NodeOp::And:
    case NodeOp::Or: {
        // Both sides are evaluated so the explanation lists every input that was looked at.
        const Truth a = child(0).asTruth();
        const Truth b = child(1).asTruth();
        const Truth dominant = n.op == NodeOp::And ? Truth::False : Truth::True;
        if (a == dominant || b == dominant)
            return Value::truth(dominant);
        if (a == Truth::Unknown || b == Truth::Unknown)
            return Value::unknown();
        return Value::truth(notTruth(dominant));
    }
    case NodeOp::Equal:
    case NodeOp::NotEqual:
    case NodeOp::Less:
    case NodeOp::LessEqual:
    case NodeOp::Greater:
    case NodeOp::GreaterEqual:
        return Value::truth(compareValues(n.op, child(0), child(1)));
    case NodeOp::In:
    case NodeOp::NotIn: {
        const Value item = child(0);
        const Value list = child(1);
        if (item.kind == Value::Kind::Unknown || list.kind == Value::Kind::Unknown)
            return Value::unknown();
        bool found = false;
        if (list.kind == Value::Kind::StringList)
            found = std::find(list.strings->begin(), list.strings->end(), item.s)
                    != list.strings->end();
        else if (list.kind == Value::Kind::IntList)
            found = std::find(list.ints->begin(), list.ints->end(), item.i) != list.ints->end();
        return Value::boolean(n.op == NodeOp::In ? found : !found);
    }
    case NodeOp::Count: {
        const Value list = child(0);
        if (list.kind == Value::Kind::Unknown)
            return Value::unknown();
        v.kind = Value::Kind::Int;
        v.i = static_cast<std::int64_t>(list.kind == Value::Kind::StringList ? list.strings->size()
                                                                             : list.ints->size());
        return v;
    }
    case NodeOp::Matches:
    case NodeOp::MountsUnder: {
        const Value subject = child(0);
        if (subject.kind == Value::Kind::Unknown)
            return Value::unknown();
        const auto test = [&](std::string_view item) {
            return n.op == NodeOp::Matches ? globMatch(n.stringValue, item)
                                           : isListedMount(*n.pathList, item);
        };
        if (subject.kind == Value::Kind::String)
            return Value::boolean(test(subject.s));
        return Value::boolean(std::any_of(subject.strings->begin(), subject.strings->end(), test));
    }
    case NodeOp::Known:
        return Value::boolean(child(0).kind != Value::Kind::Unknown);
    case NodeOp::ModelAny:
        return anyElement(e, n, inputs);
    case NodeOp::MemberCount:
        return memberCount(s, inputs);
    case NodeOp::ModelCount: {
        const int k = m_index.kindIndex(n.kindArgument);
        v.kind = Value::Kind::Int;
        v.i = k >= 0 ? m_index.kindCounts[static_cast<std::size_t>(k)] : 0;
        return v;
    }
    case NodeOp::Crosses:
    case NodeOp::OpenedFrom:
    case NodeOp::ReachableFrom:
    case NodeOp::HasFlowFrom:
    case NodeOp::HasFlowTo:
    case NodeOp::Inside:
    case NodeOp::ModelHas: {
        const bool result = functionValue(n, s);
        const bool unsure = !result && mayComeFromInternet(n, s);
        if (inputs) {
            RuleInput input;
            input.reference = n.stringValue + "(\"" + n.kindArgument->id + "\")";
            input.value = unsure ? "unknown" : result ? "true" : "false";
            input.unknown = unsure;
            inputs->push_back(std::move(input));
        }
        return unsure ? Value::unknown() : Value::boolean(result);
    }
    }
    return Value::unknown();
}

} // namespace bulkhead
