#include "propertytext.h"

#include "catalog/elementkind.h"
#include "propertyeditor.h"

#include <QStringList>

#include <set>

namespace bulkhead {

namespace {

/** A tooltip paragraph. */
QString paragraph(const QString &text)
{
    return QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace

QString itemKindName(const SheetItem &item)
{
    if (item.type == ItemKind::Flow)
        return PropertyEditor::tr("Data flow");
    if (item.kind)
        return QString::fromStdString(item.kind->displayName);
    return PropertyEditor::tr("Unknown kind \u201c%1\u201d")
        .arg(QString::fromStdString(item.kindId));
}

QString ownSectionTitle(const PropertySheet &sheet)
{
    std::set<QString> kindNames;
    for (const SheetItem &item : sheet.items()) {
        if (item.type != ItemKind::Flow)
            kindNames.insert(itemKindName(item));
    }
    if (kindNames.size() == 1)
        return *kindNames.begin();
    if (kindNames.size() <= 3)
        return QStringList(kindNames.begin(), kindNames.end()).join(QStringLiteral(" / "));
    return PropertyEditor::tr("Shared by the kinds");
}

QString choiceText(PropertyType type, const std::string &value)
{
    if (type == PropertyType::Tri) {
        if (value == "yes")
            return PropertyEditor::tr("Yes");
        if (value == "no")
            return PropertyEditor::tr("No");
        if (value == "unknown")
            return PropertyEditor::tr("Unknown");
    }
    return QString::fromStdString(value);
}

namespace {

QStringList toQStringList(const StringList &list)
{
    QStringList out;
    for (const std::string &s : list)
        out.append(QString::fromStdString(s));
    return out;
}

} // namespace

QString joinList(const StringList &list)
{
    return toQStringList(list).join(QStringLiteral(", "));
}

StringList parseList(const QString &text)
{
    StringList out;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            out.push_back(trimmed.toStdString());
    }
    return out;
}

QString displayValue(PropertyType type, const PropertyValue &value)
{
    if (const auto *b = std::get_if<bool>(&value))
        return *b ? PropertyEditor::tr("Yes") : PropertyEditor::tr("No");
    if (const auto *i = std::get_if<std::int64_t>(&value))
        return QString::number(*i);
    if (const auto *s = std::get_if<std::string>(&value)) {
        if (s->empty())
            return PropertyEditor::tr("(empty)");
        return choiceText(type, *s);
    }
    const auto &list = std::get<StringList>(value);
    return list.empty() ? PropertyEditor::tr("(none)") : joinList(list);
}

QString specialValueText(const SheetRow &property, const SheetRowState &state)
{
    if (state.mixed)
        return PropertyEditor::tr("(mixed)");
    if (!state.problem.empty())
        return PropertyEditor::tr("%1 (not valid)")
            .arg(displayValue(property.spec.type, *state.value));
    return {};
}

QString propertyToolTip(const SheetRow &row, const SheetRowState &state, qsizetype selectionSize)
{
    // What it means, its default, the raw name.
    QString tip =
        QStringLiteral("<p><b>%1</b></p>").arg(QString::fromStdString(row.name).toHtmlEscaped());
    if (!row.inCatalog())
        return tip
               + paragraph(PropertyEditor::tr("The catalog does not define this property; "
                                              "it is kept as stored."));
    const PropertySpec &spec = row.spec;
    if (!spec.description.empty())
        tip += paragraph(QString::fromStdString(spec.description));
    QString defaultText = state.defaultsDiffer || !state.defaultValue
                              ? PropertyEditor::tr("depends on the kind")
                              : displayValue(spec.type, *state.defaultValue);
    if (!state.defaultNote.empty() && !state.defaultsDiffer)
        defaultText += QStringLiteral(" (%1)").arg(QString::fromStdString(state.defaultNote));
    tip += paragraph(PropertyEditor::tr("Default: %1").arg(defaultText));
    if (!state.problem.empty())
        tip += paragraph(PropertyEditor::tr("The stored value does not fit the catalog: %1")
                             .arg(QString::fromStdString(state.problem)));
    if (spec.type == PropertyType::StringList)
        tip += paragraph(
            PropertyEditor::tr("Entries separated by commas; \u2026 edits them one per row."));
    if (state.mixed)
        tip += paragraph(PropertyEditor::tr("The selected items differ."));
    if (state.anyExplicit && selectionSize > 1 && !state.mixed)
        tip += paragraph(PropertyEditor::tr("Set explicitly on some of them."));
    else if (!state.anyExplicit)
        tip += paragraph(PropertyEditor::tr("Not set: the default applies."));
    return tip;
}

} // namespace bulkhead
