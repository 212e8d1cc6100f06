#include "expressionintrospection.h"

#include <algorithm>
#include <optional>

namespace bulkhead {

namespace {

class Introspector
{
public:
    explicit Introspector(const CompiledExpression &expression)
        : m_nodes(expression.nodes)
    {}

    std::vector<ConditionSet> whenTrue(int index) const
    {
        const ExpressionNode &n = node(index);
        switch (n.op) {
        case NodeOp::Property:
            return single(n, true);
        case NodeOp::Not:
            if (isProperty(n.children.at(0)))
                return single(node(n.children.at(0)), false);
            return {};
        case NodeOp::Equal:
        case NodeOp::NotEqual:
            return comparison(n);
        case NodeOp::In:
            return membership(n);
        case NodeOp::And:
            return conjunction(whenTrue(n.children.at(0)), whenTrue(n.children.at(1)));
        case NodeOp::Or:
            return disjunction(whenTrue(n.children.at(0)), whenTrue(n.children.at(1)));
        default:
            return {};
        }
    }

private:
    const ExpressionNode &node(int index) const
    {
        return m_nodes.at(static_cast<std::size_t>(index));
    }

    bool isProperty(int index) const
    {
        const ExpressionNode &n = node(index);
        return n.op == NodeOp::Property && n.type == ValueType::Bool;
    }

    static std::optional<PropertyValue> literal(const ExpressionNode &n)
    {
        switch (n.op) {
        case NodeOp::BoolLiteral:
            return PropertyValue(n.boolValue);
        case NodeOp::IntLiteral:
            return PropertyValue(n.intValue);
        case NodeOp::StringLiteral:
            return PropertyValue(n.stringValue);
        default:
            return std::nullopt;
        }
    }

    static std::vector<ConditionSet> single(const ExpressionNode &property, PropertyValue value)
    {
        if (property.op != NodeOp::Property)
            return {};
        if (const bool *b = std::get_if<bool>(&value); b && property.property.tri)
            value = std::string(*b ? "yes" : "no");
        PropertyCondition condition{property.property.holder, property.property.boundaryKind,
                                    property.property.name, std::move(value)};
        return {ConditionSet{std::move(condition)}};
    }

    std::vector<ConditionSet> comparison(const ExpressionNode &n) const
    {
        const ExpressionNode &left = node(n.children.at(0));
        const ExpressionNode &right = node(n.children.at(1));
        const ExpressionNode &property = left.op == NodeOp::Property ? left : right;
        const std::optional<PropertyValue> value = literal(left.op == NodeOp::Property ? right
                                                                                       : left);
        if (property.op != NodeOp::Property || !value)
            return {};
        if (n.op == NodeOp::Equal)
            return single(property, *value);
        // Only a boolean has one value that differs from the one named.
        if (const bool *b = std::get_if<bool>(&*value))
            return single(property, !*b);
        return {};
    }

    std::vector<ConditionSet> membership(const ExpressionNode &n) const
    {
        const ExpressionNode &item = node(n.children.at(0));
        const ExpressionNode &list = node(n.children.at(1));
        if (item.op != NodeOp::Property)
            return {};
        if (list.op == NodeOp::StringListLiteral && !list.stringList.empty())
            return single(item, list.stringList.front());
        if (list.op == NodeOp::IntListLiteral && !list.intList.empty())
            return single(item, list.intList.front());
        return {};
    }

    static std::vector<ConditionSet> conjunction(const std::vector<ConditionSet> &left,
                                                 const std::vector<ConditionSet> &right)
    {
        std::vector<ConditionSet> out;
        for (const ConditionSet &a : left) {
            for (const ConditionSet &b : right) {
                if (auto merged = merge(a, b); merged && out.size() < maxConditionAlternatives)
                    out.push_back(std::move(*merged));
            }
        }
        return out;
    }

    static std::vector<ConditionSet> disjunction(std::vector<ConditionSet> left,
                                                 const std::vector<ConditionSet> &right)
    {
        for (const ConditionSet &b : right) {
            if (left.size() >= maxConditionAlternatives)
                break;
            left.push_back(b);
        }
        return left;
    }

    /** Both sets at once, or nothing when they ask one property for two values. */
    static std::optional<ConditionSet> merge(const ConditionSet &a, const ConditionSet &b)
    {
        ConditionSet merged = a;
        for (const PropertyCondition &c : b) {
            const auto same = std::find_if(
                merged.begin(), merged.end(), [&](const PropertyCondition &m) {
                    return m.holder == c.holder && m.boundaryKind == c.boundaryKind
                           && m.property == c.property;
                });
            if (same == merged.end())
                merged.push_back(c);
            else if (same->value != c.value)
                return std::nullopt;
        }
        return merged;
    }

    const std::vector<ExpressionNode> &m_nodes;
};

} // namespace

std::vector<const PropertySpec *> propertiesRead(const CompiledExpression &expression)
{
    std::vector<const PropertySpec *> read;
    for (const ExpressionNode &node : expression.nodes) {
        if (node.op != NodeOp::Property)
            continue;
        for (const auto &entry : node.property.specs) {
            if (std::find(read.begin(), read.end(), entry.second) == read.end())
                read.push_back(entry.second);
        }
    }
    return read;
}

std::vector<ConditionSet> satisfyingConditions(const CompiledExpression &expression)
{
    if (expression.empty())
        return {};
    return Introspector(expression).whenTrue(expression.root);
}

} // namespace bulkhead
