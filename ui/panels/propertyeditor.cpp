#include "propertyeditor.h"

#include "catalog/catalog.h"
#include "commands/changepropertycommand.h"
#include "commands/renameitemcommand.h"
#include "commands/setflowdirectioncommand.h"
#include "document.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHash>
#include <QKeyEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <climits>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace bulkhead {

namespace {

constexpr int minimumPanelWidth = 280;
constexpr std::int64_t defaultIntMaximum = 1'000'000;
/** Below this width beside the widest label, every row puts its field under its label. */
constexpr int minimumFieldWidth = 140;

/** What the form needs to know about one selected item. */
struct ItemInfo
{
    QString id;
    ItemType type = ItemType::None;
    std::string kindId;
    const ElementKind *kind = nullptr;
    std::string name;
    const PropertyMap *properties = nullptr;
};

ItemInfo itemInfo(const Document &document, const QString &id)
{
    ItemInfo info;
    info.id = id;
    const std::string key = id.toStdString();
    const ThreatModel &model = document.model();
    if (const Element *e = model.findElement(key)) {
        info.type = ItemType::Element;
        info.kindId = e->kind;
        info.name = e->name;
        info.properties = &e->properties;
    } else if (const Boundary *b = model.findBoundary(key)) {
        info.type = ItemType::Boundary;
        info.kindId = b->kind;
        info.name = b->name;
        info.properties = &b->properties;
    } else if (const Flow *f = model.findFlow(key)) {
        info.type = ItemType::Flow;
        info.name = f->name;
        info.properties = &f->properties;
    }
    if (info.type == ItemType::Element || info.type == ItemType::Boundary)
        info.kind = document.catalog().findKind(info.kindId);
    return info;
}

std::vector<ItemInfo> itemInfos(const Document &document, const QStringList &ids)
{
    std::vector<ItemInfo> infos;
    infos.reserve(std::size_t(ids.size()));
    for (const QString &id : ids)
        infos.push_back(itemInfo(document, id));
    return infos;
}

const PropertySpec *specFor(const Catalog &catalog, const ItemInfo &info, std::string_view name)
{
    if (info.type == ItemType::Flow)
        return catalog.findFlowProperty(name);
    if (info.kind)
        return catalog.findProperty(*info.kind, name);
    return nullptr;
}

/** Common to every element (or boundary, or flow) rather than the kind's own. */
bool isCommon(const ItemInfo &info, const PropertySpec *spec)
{
    if (!info.kind)
        return true;
    return std::none_of(info.kind->properties.begin(), info.kind->properties.end(),
                        [spec](const PropertySpec &own) { return &own == spec; });
}

/** The item's schema in catalog order: common properties, then the kind's own. */
std::vector<std::string> schemaNames(const Catalog &catalog, const ItemInfo &info)
{
    std::vector<std::string> names;
    auto add = [&names](const std::string &name) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    };
    if (info.type == ItemType::Flow) {
        for (const PropertySpec &spec : catalog.flowProperties())
            add(spec.name);
    } else if (info.kind) {
        for (const PropertySpec *spec : catalog.propertiesOf(*info.kind))
            add(spec->name);
    }
    return names;
}

std::optional<PropertyValue> storedValue(const ItemInfo &info, const std::string &name)
{
    if (!info.properties)
        return std::nullopt;
    const auto it = info.properties->find(name);
    return it == info.properties->end() ? std::nullopt : std::optional<PropertyValue>(it->second);
}

QString itemKindName(const ItemInfo &info)
{
    if (info.type == ItemType::Flow)
        return PropertyEditor::tr("Data flow");
    if (info.kind)
        return QString::fromStdString(info.kind->displayName);
    return PropertyEditor::tr("Unknown kind \u201c%1\u201d").arg(QString::fromStdString(info.kindId));
}

const QHash<QString, QString> &acronyms()
{
    static const QHash<QString, QString> table{
        {QStringLiteral("api"), QStringLiteral("API")},
        {QStringLiteral("apf"), QStringLiteral("APF")},
        {QStringLiteral("ca"), QStringLiteral("CA")},
        {QStringLiteral("cni"), QStringLiteral("CNI")},
        {QStringLiteral("cpu"), QStringLiteral("CPU")},
        {QStringLiteral("cve"), QStringLiteral("CVE")},
        {QStringLiteral("ddos"), QStringLiteral("DDoS")},
        {QStringLiteral("dns"), QStringLiteral("DNS")},
        {QStringLiteral("http"), QStringLiteral("HTTP")},
        {QStringLiteral("https"), QStringLiteral("HTTPS")},
        {QStringLiteral("icc"), QStringLiteral("ICC")},
        {QStringLiteral("id"), QStringLiteral("ID")},
        {QStringLiteral("imds"), QStringLiteral("IMDS")},
        {QStringLiteral("imdsv2"), QStringLiteral("IMDSv2")},
        {QStringLiteral("ip"), QStringLiteral("IP")},
        {QStringLiteral("ipc"), QStringLiteral("IPC")},
        {QStringLiteral("kms"), QStringLiteral("KMS")},
        {QStringLiteral("mfa"), QStringLiteral("MFA")},
        {QStringLiteral("mtls"), QStringLiteral("mTLS")},
        {QStringLiteral("os"), QStringLiteral("OS")},
        {QStringLiteral("pid"), QStringLiteral("PID")},
        {QStringLiteral("pids"), QStringLiteral("PIDs")},
        {QStringLiteral("rbac"), QStringLiteral("RBAC")},
        {QStringLiteral("sa"), QStringLiteral("SA")},
        {QStringLiteral("sbom"), QStringLiteral("SBOM")},
        {QStringLiteral("ssh"), QStringLiteral("SSH")},
        {QStringLiteral("tcp"), QStringLiteral("TCP")},
        {QStringLiteral("tls"), QStringLiteral("TLS")},
        {QStringLiteral("udp"), QStringLiteral("UDP")},
        {QStringLiteral("uid"), QStringLiteral("UID")},
        {QStringLiteral("url"), QStringLiteral("URL")},
        {QStringLiteral("uts"), QStringLiteral("UTS")},
        {QStringLiteral("waf"), QStringLiteral("WAF")},
    };
    return table;
}

/** "readOnlyRootFilesystem" → "Read only root filesystem", "hostPID" → "Host PID". */
QString readableName(const QString &raw)
{
    QStringList words;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty())
            words.append(word);
        word.clear();
    };
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-') || c.isSpace()) {
            flush();
            continue;
        }
        if (!word.isEmpty() && c.isUpper()) {
            const QChar previous = raw.at(i - 1);
            const bool nextIsLower = i + 1 < raw.size() && raw.at(i + 1).isLower();
            // aB, 2B and the B of "ABc" (an acronym followed by a word) start a new word.
            if (previous.isLower() || previous.isDigit() || (previous.isUpper() && nextIsLower))
                flush();
        }
        word.append(c);
    }
    flush();

    for (qsizetype i = 0; i < words.size(); ++i) {
        QString &w = words[i];
        const QString lower = w.toLower();
        if (const auto it = acronyms().constFind(lower); it != acronyms().constEnd())
            w = *it;
        else if (w.size() > 1 && w == w.toUpper())
            ; // already an acronym ("SA", "L2")
        else
            w = lower;
        if (i == 0 && !w.isEmpty() && w.at(0).isLower() && w == lower)
            w[0] = w.at(0).toUpper();
    }
    return words.join(QLatin1Char(' '));
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

QStringList toQStringList(const StringList &list)
{
    QStringList out;
    for (const std::string &s : list)
        out.append(QString::fromStdString(s));
    return out;
}

QString joinList(const StringList &list)
{
    return toQStringList(list).join(QStringLiteral(", "));
}

/** Comma-separated text as a list: entries trimmed, empty ones dropped. */
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

/** A value as a person reads it, in the terms of the property's type. */
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

QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

/** A small dialog editing a list one entry per row; nullopt when cancelled. */
std::optional<StringList> editListInDialog(QWidget *parent, const QString &title,
                                           const StringList &values)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("stringListDialog"));
    dialog.setWindowTitle(title);
    auto *list = new QListWidget(&dialog);
    list->setObjectName(QStringLiteral("stringList"));
    auto addEntry = [list](const QString &text) {
        auto *item = new QListWidgetItem(text, list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        return item;
    };
    for (const std::string &value : values)
        addEntry(QString::fromStdString(value));

    auto *add = new QPushButton(PropertyEditor::tr("&Add"), &dialog);
    add->setObjectName(QStringLiteral("addEntry"));
    auto *remove = new QPushButton(PropertyEditor::tr("&Remove"), &dialog);
    remove->setObjectName(QStringLiteral("removeEntry"));
    QObject::connect(add, &QPushButton::clicked, list, [list, addEntry] {
        QListWidgetItem *item = addEntry(QString());
        list->setCurrentItem(item);
        list->editItem(item);
    });
    QObject::connect(remove, &QPushButton::clicked, list, [list] { delete list->currentItem(); });
    auto updateRemove = [list, remove] { remove->setEnabled(list->currentItem() != nullptr); };
    QObject::connect(list, &QListWidget::currentItemChanged, remove, updateRemove);
    updateRemove();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);

    auto *side = new QVBoxLayout;
    side->addWidget(add);
    side->addWidget(remove);
    side->addStretch();
    auto *body = new QHBoxLayout;
    body->addWidget(list, 1);
    body->addLayout(side);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(PropertyEditor::tr("One entry per row; double-click to edit."),
                                 &dialog));
    layout->addLayout(body);
    layout->addWidget(buttons);

    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    StringList out;
    for (int i = 0; i < list->count(); ++i) {
        const QString text = list->item(i)->text().trimmed();
        if (!text.isEmpty())
            out.push_back(text.toStdString());
    }
    return out;
}

} // namespace

/** One property's row: its merged schema over the selection, its widgets and what they show. */
struct PropertyEditor::Row
{
    std::string name;
    /** The schema as all selected items share it (enum choices and int range intersected). */
    PropertySpec spec;
    bool inCatalog = true;

    QLabel *label = nullptr;
    QWidget *editor = nullptr;
    QCheckBox *check = nullptr;
    QComboBox *combo = nullptr;
    QSpinBox *spin = nullptr;
    QLineEdit *line = nullptr;
    QToolButton *reset = nullptr;

    /** Index 0 of the combo, or the spin box minimum, stands for a mixed or invalid value. */
    bool special = false;
    /** Some selected item stores a value (so reset has something to do). */
    bool anyExplicit = false;
    /** The selected items' values differ. */
    bool mixed = false;
    /** The text the line or spin box was last given, to tell the user's edit from a refresh. */
    QString shownText;
};

PropertyEditor::PropertyEditor(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setMinimumWidth(minimumPanelWidth);

    m_header = new QWidget(this);
    auto *headerLayout = new QVBoxLayout(m_header);
    headerLayout->setContentsMargins(8, 8, 8, 4);
    headerLayout->setSpacing(4);

    m_titleLabel = new QLabel(m_header);
    m_titleLabel->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    headerLayout->addWidget(m_titleLabel);

    m_nameEdit = new QLineEdit(m_header);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setPlaceholderText(tr("Name"));
    m_nameEdit->setToolTip(tr("The name shown on the diagram and in reports"));
    connect(m_nameEdit, &QLineEdit::editingFinished, this, &PropertyEditor::commitName);
    m_nameEdit->installEventFilter(this);
    headerLayout->addWidget(m_nameEdit);

    m_kindLabel = new QLabel(m_header);
    m_kindLabel->setObjectName(QStringLiteral("kindLabel"));
    m_kindLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_kindLabel->setWordWrap(true);
    headerLayout->addWidget(m_kindLabel);

    m_endsLabel = new QLabel(m_header);
    m_endsLabel->setObjectName(QStringLiteral("endsLabel"));
    m_endsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_endsLabel->setWordWrap(true);
    headerLayout->addWidget(m_endsLabel);

    m_twoWay = new QCheckBox(tr("Two-way"), m_header);
    m_twoWay->setObjectName(QStringLiteral("twoWayCheck"));
    m_twoWay->setToolTip(tr("Data flows in both directions"));
    connect(m_twoWay, &QCheckBox::clicked, this, &PropertyEditor::commitTwoWay);
    headerLayout->addWidget(m_twoWay, 0, Qt::AlignLeft);

    auto *separator = new QFrame(m_header);
    separator->setFrameShape(QFrame::HLine);
    separator->setFrameShadow(QFrame::Sunken);
    headerLayout->addSpacing(2);
    headerLayout->addWidget(separator);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("propertyScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_scroll, 1);

    connect(m_document, &Document::itemChanged, this,
            [this](const QString &id) { onItemChanged(id); });
    connect(m_document, &Document::itemRemoved, this,
            [this](const QString &id) { onItemRemoved(id); });
    connect(m_document, &Document::modelReset, this, &PropertyEditor::onModelReset);
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, [this] {
        if (m_syncPending)
            sync(false);
    });

    sync(true);
}

PropertyEditor::~PropertyEditor() = default;

void PropertyEditor::setSelection(const QStringList &ids)
{
    commitPendingEdits();
    QStringList existing;
    for (const QString &id : ids) {
        if (!existing.contains(id) && m_document->typeOf(id) != ItemType::None)
            existing.append(id);
    }
    m_ids = existing;
    sync(true);
}

void PropertyEditor::commitPendingEdits()
{
    const QWidget *focus = QApplication::focusWidget();
    if (!focus)
        return;
    if (focus == m_nameEdit) {
        commitName();
        return;
    }
    for (const auto &row : m_rows) {
        if (row->line && row->line == focus && !row->line->isReadOnly()) {
            commitValue(*row);
            return;
        }
        if (row->spin && (row->spin == focus || row->spin->isAncestorOf(focus))) {
            row->spin->interpretText();
            return;
        }
    }
}

QWidget *PropertyEditor::editorFor(const QString &propertyName) const
{
    const Row *row = rowFor(propertyName);
    return row ? row->editor : nullptr;
}

PropertyEditor::Row *PropertyEditor::rowFor(const QString &propertyName) const
{
    const std::string name = propertyName.toStdString();
    for (const auto &row : m_rows) {
        if (row->name == name)
            return row.get();
    }
    return nullptr;
}

bool PropertyEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Escape in a text field takes back what was typed there.
    if (event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        if (watched == m_nameEdit && m_nameEdit->isModified()) {
            m_nameEdit->setModified(false);
            updateHeader(true);
            return true;
        }
        for (const auto &row : m_rows) {
            if (row->line == watched && row->line->isModified()) {
                updateRow(*row, true);
                return true;
            }
        }
    }
    // Scrolling the form must not change a combo or spin box that happens to pass under the
    // pointer: unless it has the focus, the wheel scrolls the form instead.
    if (event->type() == QEvent::Wheel) {
        auto *widget = qobject_cast<QWidget *>(watched);
        if (widget && !widget->hasFocus()
            && (qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget))) {
            QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PropertyEditor::onItemChanged(const QString &id)
{
    bool relevant = m_ids.contains(id);
    if (!relevant && m_ids.size() == 1) {
        // A renamed end of the selected flow.
        if (const Flow *flow = m_document->model().findFlow(m_ids.first().toStdString())) {
            const std::string key = id.toStdString();
            relevant = flow->source == key || flow->target == key;
        }
    }
    if (relevant)
        scheduleSync();
}

void PropertyEditor::onItemRemoved(const QString &id)
{
    if (m_ids.removeAll(id) > 0)
        scheduleSync();
}

void PropertyEditor::scheduleSync()
{
    // A command on many items reports each one; the form catches up once, when the command is
    // done (the undo stack's index changes), or soon after a change made outside the stack.
    if (m_syncPending)
        return;
    m_syncPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_syncPending)
                sync(false);
        },
        Qt::QueuedConnection);
}

void PropertyEditor::onModelReset()
{
    QStringList existing;
    for (const QString &id : std::as_const(m_ids)) {
        if (m_document->typeOf(id) != ItemType::None)
            existing.append(id);
    }
    m_ids = existing;
    m_shape.clear();
    sync(true);
}

QString PropertyEditor::shapeKey() const
{
    if (m_ids.isEmpty())
        return QStringLiteral("-");
    std::set<std::string> kinds;
    std::set<std::string> unknown;
    const Catalog &catalog = m_document->catalog();
    for (const ItemInfo &info : itemInfos(*m_document, m_ids)) {
        kinds.insert(std::to_string(int(info.type)) + ':' + info.kindId);
        if (info.properties) {
            for (const auto &[name, value] : *info.properties) {
                if (!specFor(catalog, info, name))
                    unknown.insert(name);
            }
        }
    }
    std::string key = m_ids.size() == 1 ? "1" : "n";
    for (const std::string &kind : kinds)
        key += '|' + kind;
    key += "|?";
    for (const std::string &name : unknown)
        key += '|' + name;
    return QString::fromStdString(key);
}

void PropertyEditor::sync(bool forceValues)
{
    m_syncPending = false;
    const QString shape = shapeKey();
    if (shape != m_shape) {
        m_shape = shape;
        rebuildForm();
        forceValues = true;
    }
    updateHeader(forceValues);
    for (const auto &row : m_rows)
        updateRow(*row, forceValues);
    updateWrapPolicy();
}

void PropertyEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateWrapPolicy();
}

void PropertyEditor::updateWrapPolicy()
{
    // All rows side by side while the fields get a useful width, else all stacked: mixing the
    // two (QFormLayout::WrapLongRows) makes a ragged form.
    if (!m_form)
        return;
    int widest = 0;
    for (const auto &row : m_rows)
        widest = std::max(widest, row->label->sizeHint().width());
    const QMargins margins = m_form->contentsMargins();
    const int available = m_scroll->width() - m_scroll->verticalScrollBar()->sizeHint().width()
                          - margins.left() - margins.right();
    const int spacing = std::max(0, m_form->horizontalSpacing());
    const auto policy = widest + spacing + minimumFieldWidth > available ? QFormLayout::WrapAllRows
                                                                          : QFormLayout::DontWrapRows;
    if (m_form->rowWrapPolicy() != policy)
        m_form->setRowWrapPolicy(policy);
}

void PropertyEditor::addSection(QFormLayout *form, const QString &title)
{
    auto *label = new QLabel(title);
    label->setObjectName(QStringLiteral("section"));
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, form->rowCount() > 0 ? 10 : 0, 0, 2);
    form->addRow(label);
}

void PropertyEditor::rebuildForm()
{
    if (QWidget *old = m_scroll->takeWidget()) {
        // The old editors may still report a focus-out while they are being deleted.
        for (QObject *child : old->findChildren<QObject *>())
            child->disconnect(this);
        old->hide();
        old->deleteLater();
    }
    m_rows.clear();
    m_form = nullptr;

    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("propertyForm"));
    auto *form = new QFormLayout(content);
    form->setContentsMargins(8, 4, 8, 8);
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    if (m_ids.isEmpty()) {
        auto *hint = new QLabel(tr("Select an element, boundary or flow to see and edit its "
                                   "properties."),
                                content);
        hint->setWordWrap(true);
        hint->setAlignment(Qt::AlignCenter);
        hint->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(hint);
        m_scroll->setWidget(content);
        return;
    }

    const Catalog &catalog = m_document->catalog();
    const std::vector<ItemInfo> infos = itemInfos(*m_document, m_ids);

    // The properties every selected item has, with the same type; grouped for display.
    struct Shared
    {
        PropertySpec spec;
        QString group;
    };
    std::vector<Shared> shared;
    std::set<QString> kindNames;
    for (const ItemInfo &info : infos) {
        if (info.type != ItemType::Flow)
            kindNames.insert(itemKindName(info));
    }
    QString ownTitle;
    if (kindNames.size() == 1)
        ownTitle = *kindNames.begin();
    else if (kindNames.size() <= 3)
        ownTitle = QStringList(kindNames.begin(), kindNames.end()).join(QStringLiteral(" / "));
    else
        ownTitle = tr("Shared by the kinds");

    const QString general = tr("General");
    for (const std::string &name : schemaNames(catalog, infos.front())) {
        const PropertySpec *first = specFor(catalog, infos.front(), name);
        PropertySpec merged = *first;
        bool common = isCommon(infos.front(), first);
        bool everywhere = true;
        for (std::size_t i = 1; i < infos.size() && everywhere; ++i) {
            const PropertySpec *spec = specFor(catalog, infos[i], name);
            if (!spec || spec->type != first->type) {
                everywhere = false;
                break;
            }
            common = common && isCommon(infos[i], spec);
            if (first->type == PropertyType::Enum) {
                std::erase_if(merged.values, [spec](const std::string &value) {
                    return std::find(spec->values.begin(), spec->values.end(), value)
                           == spec->values.end();
                });
            }
            if (spec->minimum)
                merged.minimum = merged.minimum ? std::max(*merged.minimum, *spec->minimum)
                                                : spec->minimum;
            if (spec->maximum)
                merged.maximum = merged.maximum ? std::min(*merged.maximum, *spec->maximum)
                                                : spec->maximum;
        }
        if (!everywhere || (merged.type == PropertyType::Enum && merged.values.empty()))
            continue;
        QString group = general;
        if (!common) {
            const auto dot = name.find('.');
            group = dot == std::string::npos ? ownTitle
                                             : readableName(QString::fromStdString(name.substr(0, dot)));
        }
        shared.push_back({std::move(merged), group});
    }

    // Groups in order of first appearance, General first.
    std::vector<QString> groups;
    groups.push_back(general);
    for (const Shared &s : shared) {
        if (std::find(groups.begin(), groups.end(), s.group) == groups.end())
            groups.push_back(s.group);
    }
    for (const QString &group : groups) {
        bool sectionAdded = false;
        for (const Shared &s : shared) {
            if (s.group != group)
                continue;
            if (!sectionAdded) {
                addSection(form, group);
                sectionAdded = true;
            }
            auto row = std::make_unique<Row>();
            row->name = s.spec.name;
            row->spec = s.spec;
            QString labelText = readableName(QString::fromStdString(s.spec.name));
            if (const auto dot = s.spec.name.find('.'); dot != std::string::npos && group != general)
                labelText = readableName(QString::fromStdString(s.spec.name.substr(dot + 1)));
            row->label = new QLabel(labelText, content);
            m_rows.push_back(std::move(row));
            Row &r = *m_rows.back();
            form->addRow(r.label, createEditor(r, content));
        }
    }

    // Whatever the files hold beyond the schema stays visible, read-only.
    std::set<std::string> unknown;
    for (const ItemInfo &info : infos) {
        if (!info.properties)
            continue;
        for (const auto &[name, value] : *info.properties) {
            if (!specFor(catalog, info, name))
                unknown.insert(name);
        }
    }
    const bool unknownKind = std::any_of(infos.begin(), infos.end(), [](const ItemInfo &info) {
        return info.type != ItemType::Flow && !info.kind;
    });
    if (!unknown.empty() || unknownKind) {
        addSection(form, tr("Not in the catalog"));
        if (unknownKind) {
            auto *note = new QLabel(m_ids.size() == 1
                                        ? tr("The catalog does not know this kind; its properties "
                                             "are shown as stored.")
                                        : tr("The catalog does not know some of these kinds."),
                                    content);
            note->setWordWrap(true);
            note->setForegroundRole(QPalette::PlaceholderText);
            form->addRow(note);
        }
        for (const std::string &name : unknown) {
            auto row = std::make_unique<Row>();
            row->name = name;
            row->spec.name = name;
            row->inCatalog = false;
            row->label = new QLabel(QString::fromStdString(name), content);
            m_rows.push_back(std::move(row));
            Row &r = *m_rows.back();
            form->addRow(r.label, createEditor(r, content));
        }
    }

    if (m_rows.empty()) {
        auto *none = new QLabel(m_ids.size() > 1 ? tr("The selected items share no properties.")
                                                 : tr("This item has no properties."),
                                content);
        none->setWordWrap(true);
        none->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(none);
    }
    m_scroll->setWidget(content);
}

QWidget *PropertyEditor::createEditor(Row &row, QWidget *parent)
{
    auto *field = new QWidget(parent);
    auto *layout = new QHBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    const QString objectName = QString::fromStdString(row.name);

    if (!row.inCatalog) {
        row.line = new QLineEdit(field);
        row.line->setReadOnly(true);
        row.editor = row.line;
    } else {
        switch (row.spec.type) {
        case PropertyType::Bool:
            row.check = new QCheckBox(field);
            row.editor = row.check;
            connect(row.check, &QCheckBox::clicked, this, [this, &row] { commitValue(row); });
            break;
        case PropertyType::Tri:
        case PropertyType::Enum:
            row.combo = new QComboBox(field);
            row.combo->setFocusPolicy(Qt::StrongFocus);
            row.combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            row.combo->setMinimumContentsLength(6);
            row.combo->installEventFilter(this);
            for (const std::string &value : row.spec.values)
                row.combo->addItem(choiceText(row.spec.type, value), QString::fromStdString(value));
            row.editor = row.combo;
            connect(row.combo, &QComboBox::currentIndexChanged, this,
                    [this, &row] { commitValue(row); });
            break;
        case PropertyType::Int:
            row.spin = new QSpinBox(field);
            row.spin->setFocusPolicy(Qt::StrongFocus);
            row.spin->setKeyboardTracking(false);
            row.spin->installEventFilter(this);
            row.editor = row.spin;
            connect(row.spin, &QSpinBox::valueChanged, this, [this, &row] { commitValue(row); });
            break;
        case PropertyType::String:
        case PropertyType::StringList:
            row.line = new QLineEdit(field);
            row.line->installEventFilter(this);
            row.editor = row.line;
            connect(row.line, &QLineEdit::editingFinished, this, [this, &row] { commitValue(row); });
            break;
        }
    }
    row.editor->setObjectName(objectName);
    row.label->setBuddy(row.editor);
    if (row.check) {
        layout->addWidget(row.check);
        layout->addStretch(1);
    } else {
        layout->addWidget(row.editor, 1);
    }

    if (row.inCatalog && row.spec.type == PropertyType::StringList) {
        auto *edit = new QToolButton(field);
        edit->setObjectName(QStringLiteral("edit:") + objectName);
        edit->setText(QStringLiteral("\u2026"));
        edit->setToolTip(tr("Edit the list, one entry per row"));
        connect(edit, &QToolButton::clicked, this, [this, &row] { editList(row); });
        layout->addWidget(edit);
    }

    if (row.inCatalog) {
        row.reset = new QToolButton(field);
        row.reset->setObjectName(QStringLiteral("reset:") + objectName);
        row.reset->setText(QStringLiteral("\u21BA"));
        row.reset->setAutoRaise(true);
        QSizePolicy policy = row.reset->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        row.reset->setSizePolicy(policy);
        connect(row.reset, &QToolButton::clicked, this, [this, &row] { resetRow(row); });
        layout->addWidget(row.reset);
    }
    return field;
}

void PropertyEditor::updateHeader(bool force)
{
    const int count = int(m_ids.size());
    m_header->setVisible(count > 0);
    if (count == 0)
        return;
    const std::vector<ItemInfo> infos = itemInfos(*m_document, m_ids);

    if (count == 1) {
        const ItemInfo &info = infos.front();
        m_titleLabel->hide();
        m_nameEdit->show();
        const QString name = QString::fromStdString(info.name);
        // Keep what the user is typing; a selection change (force) always shows the new name.
        if (m_nameEdit->text() != name && (force || !m_nameEdit->hasFocus() || !m_nameEdit->isModified())) {
            const QSignalBlocker blocker(m_nameEdit);
            m_nameEdit->setText(name);
        }
        m_kindLabel->setText(tr("%1 \u00b7 %2").arg(itemKindName(info), info.id));
        m_kindLabel->setToolTip(tr("Kind and id"));

        const Flow *flow = info.type == ItemType::Flow
                               ? m_document->model().findFlow(info.id.toStdString())
                               : nullptr;
        m_endsLabel->setVisible(flow != nullptr);
        m_twoWay->setVisible(flow != nullptr);
        if (flow) {
            auto endName = [this](const std::string &id) {
                const ThreatModel &model = m_document->model();
                if (const Element *e = model.findElement(id))
                    return e->name.empty() ? QString::fromStdString(id)
                                           : QString::fromStdString(e->name);
                return tr("%1 (missing)").arg(QString::fromStdString(id));
            };
            m_endsLabel->setText(QStringLiteral("%1 %2 %3")
                                     .arg(endName(flow->source),
                                          flow->bidirectional ? QStringLiteral("\u2194")
                                                              : QStringLiteral("\u2192"),
                                          endName(flow->target)));
            const QSignalBlocker blocker(m_twoWay);
            m_twoWay->setChecked(flow->bidirectional);
        }
        return;
    }

    m_nameEdit->hide();
    m_endsLabel->hide();
    m_twoWay->hide();
    m_titleLabel->show();
    m_titleLabel->setText(tr("%n items", nullptr, count));
    std::map<QString, int> kinds;
    for (const ItemInfo &info : infos)
        ++kinds[itemKindName(info)];
    QStringList parts;
    for (const auto &[kind, n] : kinds)
        parts.append(n > 1 ? tr("%1 \u00d7%2").arg(kind).arg(n) : kind);
    m_kindLabel->setText(parts.join(QStringLiteral(", ")));
    QStringList shownIds = m_ids.mid(0, 20);
    if (m_ids.size() > shownIds.size())
        shownIds.append(QStringLiteral("\u2026"));
    m_kindLabel->setToolTip(shownIds.join(QStringLiteral(", ")));
}

void PropertyEditor::updateRow(Row &row, bool force)
{
    const Catalog &catalog = m_document->catalog();
    const std::vector<ItemInfo> infos = itemInfos(*m_document, m_ids);

    // Each item's value as it applies: stored, or its kind's default.
    std::vector<std::optional<PropertyValue>> values;
    std::optional<PropertyValue> defaultValue;
    bool defaultsDiffer = false;
    const PropertySpec *firstSpec = nullptr;
    row.anyExplicit = false;
    for (const ItemInfo &info : infos) {
        std::optional<PropertyValue> value = storedValue(info, row.name);
        row.anyExplicit = row.anyExplicit || value.has_value();
        if (row.inCatalog) {
            const PropertySpec *spec = specFor(catalog, info, row.name);
            if (!spec)
                continue; // mid-change; the shape check rebuilds the form
            if (!firstSpec) {
                firstSpec = spec;
                defaultValue = spec->defaultValue;
            } else if (defaultValue != spec->defaultValue) {
                defaultsDiffer = true;
            }
            if (!value)
                value = spec->defaultValue;
        }
        values.push_back(std::move(value));
    }
    const bool mixed = std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>())
                       != values.end();
    row.mixed = mixed;
    const std::optional<PropertyValue> value = mixed || values.empty() ? std::nullopt
                                                                       : values.front();
    const std::string problem = row.inCatalog && value ? row.spec.checkValue(*value) : std::string();
    const bool invalid = !problem.empty();
    const QString specialText = mixed ? tr("(mixed)")
                                      : invalid ? tr("%1 (not valid)").arg(displayValue(row.spec.type, *value))
                                                : QString();

    // Label: italic and muted while the default applies.
    const bool isDefault = row.inCatalog && !row.anyExplicit;
    QFont labelFont = row.label->font();
    labelFont.setItalic(isDefault);
    row.label->setFont(labelFont);
    row.label->setForegroundRole(isDefault ? QPalette::PlaceholderText : QPalette::WindowText);

    // Tooltip: what it means, its default, the raw name.
    QString tip = QStringLiteral("<p><b>%1</b></p>").arg(html(QString::fromStdString(row.name)));
    if (row.inCatalog) {
        if (!row.spec.description.empty())
            tip += QStringLiteral("<p>%1</p>").arg(html(QString::fromStdString(row.spec.description)));
        QString defaultText = defaultsDiffer || !defaultValue
                                  ? tr("depends on the kind")
                                  : displayValue(row.spec.type, *defaultValue);
        if (firstSpec && !firstSpec->defaultNote.empty() && !defaultsDiffer)
            defaultText += QStringLiteral(" (%1)").arg(QString::fromStdString(firstSpec->defaultNote));
        tip += QStringLiteral("<p>%1</p>").arg(html(tr("Default: %1").arg(defaultText)));
        if (invalid)
            tip += QStringLiteral("<p>%1</p>").arg(
                html(tr("The stored value does not fit the catalog: %1")
                         .arg(QString::fromStdString(problem))));
        if (row.spec.type == PropertyType::StringList)
            tip += QStringLiteral("<p>%1</p>").arg(
                html(tr("Entries separated by commas; \u2026 edits them one per row.")));
        if (mixed)
            tip += QStringLiteral("<p>%1</p>").arg(html(tr("The selected items differ.")));
        if (row.anyExplicit && m_ids.size() > 1 && !mixed)
            tip += QStringLiteral("<p>%1</p>").arg(html(tr("Set explicitly on some of them.")));
        else if (!row.anyExplicit)
            tip += QStringLiteral("<p>%1</p>").arg(html(tr("Not set: the default applies.")));
    } else {
        tip += QStringLiteral("<p>%1</p>").arg(
            html(tr("The catalog does not define this property; it is kept as stored.")));
    }
    row.label->setToolTip(tip);
    row.editor->setToolTip(tip);
    if (row.reset) {
        row.reset->setVisible(row.anyExplicit);
        row.reset->setToolTip(m_ids.size() > 1 ? tr("Reset all selected items to the default")
                                               : tr("Reset to the default"));
    }

    if (row.check) {
        const QSignalBlocker blocker(row.check);
        const auto *b = value ? std::get_if<bool>(&*value) : nullptr;
        if (b) {
            row.check->setTristate(false);
            row.check->setCheckState(*b ? Qt::Checked : Qt::Unchecked);
        } else {
            // Clicking a partly checked box checks it, which sets true on every item.
            row.check->setTristate(true);
            row.check->setCheckState(Qt::PartiallyChecked);
        }
        row.check->setText(mixed ? tr("(mixed)") : invalid ? specialText : QString());
    } else if (row.combo) {
        const QSignalBlocker blocker(row.combo);
        const bool needSpecial = mixed || invalid || !value;
        if (needSpecial && !row.special)
            row.combo->insertItem(0, specialText);
        else if (!needSpecial && row.special)
            row.combo->removeItem(0);
        row.special = needSpecial;
        if (needSpecial) {
            row.combo->setItemText(0, specialText);
            row.combo->setCurrentIndex(0);
        } else {
            const auto &text = std::get<std::string>(*value);
            row.combo->setCurrentIndex(row.combo->findData(QString::fromStdString(text)));
        }
    } else if (row.spin) {
        // The spin box is not to overwrite a number the user is typing.
        const bool typing = row.spin->hasFocus() && row.spin->text() != row.shownText;
        if (typing && !force)
            return;
        const QSignalBlocker blocker(row.spin);
        std::int64_t lo = row.spec.minimum.value_or(0);
        std::int64_t hi = row.spec.maximum.value_or(std::max(lo, defaultIntMaximum));
        if (!row.spec.minimum && row.spec.maximum)
            lo = std::min<std::int64_t>(0, hi);
        const auto *number = value && !invalid ? std::get_if<std::int64_t>(&*value) : nullptr;
        if (number)
            hi = std::max(hi, *number);
        lo = std::clamp<std::int64_t>(lo, INT_MIN + 1, INT_MAX);
        hi = std::clamp<std::int64_t>(hi, lo, INT_MAX);
        row.special = number == nullptr;
        if (row.special) {
            // One below the minimum stands for "mixed"; stepping up or typing picks a value.
            row.spin->setRange(int(lo) - 1, int(hi));
            row.spin->setSpecialValueText(specialText.isEmpty() ? tr("(mixed)") : specialText);
            row.spin->setValue(int(lo) - 1);
        } else {
            row.spin->setSpecialValueText(QString());
            row.spin->setRange(int(lo), int(hi));
            row.spin->setValue(int(*number));
        }
        row.shownText = row.spin->text();
    } else if (row.line) {
        if (row.line->hasFocus() && row.line->isModified() && !force)
            return;
        QString text;
        QString placeholder;
        if (mixed) {
            placeholder = tr("(mixed)");
        } else if (value) {
            if (const auto *s = std::get_if<std::string>(&*value);
                s && row.spec.type != PropertyType::StringList)
                text = QString::fromStdString(*s);
            else if (const auto *list = std::get_if<StringList>(&*value);
                     list && row.spec.type == PropertyType::StringList)
                text = joinList(*list);
            else
                text = QString::fromStdString(propertyValueToDisplayString(*value));
        } else if (!row.inCatalog) {
            placeholder = tr("(not set)");
        }
        // While the default applies, an empty default reads as empty and any other as a hint.
        if (isDefault && !mixed && value) {
            const bool emptyDefault
                = (std::holds_alternative<std::string>(*value) && std::get<std::string>(*value).empty())
                  || (std::holds_alternative<StringList>(*value) && std::get<StringList>(*value).empty());
            if (!emptyDefault)
                placeholder = text;
            text.clear();
        }
        const QSignalBlocker blocker(row.line);
        if (row.line->text() != text || force) {
            row.line->setText(text);
            if (!row.line->hasFocus())
                row.line->setCursorPosition(0); // show the start of a long value
        }
        row.line->setModified(false);
        row.line->setPlaceholderText(placeholder);
        row.shownText = text;
    }
}

void PropertyEditor::commitValue(Row &row)
{
    if (!row.inCatalog || m_ids.isEmpty())
        return;
    std::optional<PropertyValue> value;

    if (row.check) {
        if (row.check->checkState() == Qt::PartiallyChecked) {
            updateRow(row, true);
            return;
        }
        value = row.check->checkState() == Qt::Checked;
    } else if (row.combo) {
        const int index = row.combo->currentIndex();
        if (index < 0 || (row.special && index == 0)) {
            updateRow(row, true);
            return;
        }
        value = row.combo->itemData(index).toString().toStdString();
    } else if (row.spin) {
        if (row.special && row.spin->value() == row.spin->minimum())
            return;
        value = std::int64_t(row.spin->value());
    } else if (row.line) {
        const QString text = row.line->text();
        const bool edited = row.line->isModified() && text != row.shownText;
        row.line->setModified(false);
        if (!edited)
            return;
        const bool empty = text.trimmed().isEmpty();
        if (empty && !row.anyExplicit) {
            // Emptying a field that shows its default keeps the default.
            updateRow(row, true);
            return;
        }
        if (row.spec.type == PropertyType::StringList)
            value = parseList(text);
        else
            value = text.toStdString();
        // Emptying a value whose default is empty anyway resets it.
        if (empty && defaultIsEmpty(row))
            value.reset();
    }
    apply(row, value);
}

bool PropertyEditor::defaultIsEmpty(const Row &row) const
{
    const Catalog &catalog = m_document->catalog();
    for (const ItemInfo &info : itemInfos(*m_document, m_ids)) {
        const PropertySpec *spec = specFor(catalog, info, row.name);
        if (!spec)
            return false;
        const PropertyValue &d = spec->defaultValue;
        const bool empty = (std::holds_alternative<std::string>(d) && std::get<std::string>(d).empty())
                           || (std::holds_alternative<StringList>(d) && std::get<StringList>(d).empty());
        if (!empty)
            return false;
    }
    return true;
}

void PropertyEditor::apply(Row &row, const std::optional<PropertyValue> &value)
{
    // One command for the whole selection, and none when nothing would change.
    const Catalog &catalog = m_document->catalog();
    bool changes = false;
    for (const ItemInfo &info : itemInfos(*m_document, m_ids)) {
        const std::optional<PropertyValue> stored = storedValue(info, row.name);
        if (!value) {
            changes = changes || stored.has_value();
            continue;
        }
        const PropertySpec *spec = specFor(catalog, info, row.name);
        const std::optional<PropertyValue> effective
            = stored ? stored : spec ? std::optional<PropertyValue>(spec->defaultValue) : std::nullopt;
        changes = changes || effective != value;
    }
    if (changes)
        m_document->undoStack()->push(new ChangePropertyCommand(m_document, m_ids, row.name, value));
    updateRow(row, true);
}

void PropertyEditor::resetRow(Row &row)
{
    if (row.inCatalog && !m_ids.isEmpty())
        apply(row, std::nullopt);
}

void PropertyEditor::editList(Row &row)
{
    if (!row.inCatalog || m_ids.isEmpty())
        return;
    commitValue(row); // typed but not yet committed text first
    // Start from the list as it applies (stored or default); a mixed selection starts empty.
    StringList current;
    if (!row.mixed) {
        const ItemInfo info = itemInfo(*m_document, m_ids.first());
        std::optional<PropertyValue> value = storedValue(info, row.name);
        if (!value) {
            if (const PropertySpec *spec = specFor(m_document->catalog(), info, row.name))
                value = spec->defaultValue;
        }
        if (const auto *list = value ? std::get_if<StringList>(&*value) : nullptr)
            current = *list;
    }
    const std::optional<StringList> edited
        = editListInDialog(this, readableName(QString::fromStdString(row.name)), current);
    if (!edited)
        return;
    if (edited->empty() && defaultIsEmpty(row))
        apply(row, std::nullopt);
    else
        apply(row, PropertyValue(*edited));
}

void PropertyEditor::commitName()
{
    if (m_ids.size() != 1 || !m_nameEdit->isModified())
        return;
    m_nameEdit->setModified(false);
    const QString id = m_ids.first();
    const QString name = m_nameEdit->text();
    const QString current = QString::fromStdString(itemInfo(*m_document, id).name);
    if (name.trimmed().isEmpty() || name == current) {
        // An item keeps a name; an emptied field goes back to it.
        const QSignalBlocker blocker(m_nameEdit);
        m_nameEdit->setText(current);
        return;
    }
    m_document->undoStack()->push(new RenameItemCommand(m_document, id, name));
}

void PropertyEditor::commitTwoWay()
{
    if (m_ids.size() != 1)
        return;
    const QString id = m_ids.first();
    const Flow *flow = m_document->model().findFlow(id.toStdString());
    if (!flow)
        return;
    const bool twoWay = m_twoWay->isChecked();
    if (flow->bidirectional != twoWay)
        m_document->undoStack()->push(new SetFlowDirectionCommand(m_document, id, twoWay));
}

} // namespace bulkhead
