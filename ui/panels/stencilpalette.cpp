#include "stencilpalette.h"

#include "canvas/diagramscene.h"
#include "canvas/kindicons.h"
#include "catalog/catalog.h"

#include <QDrag>
#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

constexpr int KindRole = Qt::UserRole;

/** A tree whose kind items drag out as the canvas's kind MIME type. */
class StencilTree : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

protected:
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        if (items.isEmpty() || items.first()->data(0, KindRole).toString().isEmpty())
            return nullptr;
        auto *mime = new QMimeData;
        mime->setData(DiagramScene::kindMimeType(),
                      items.first()->data(0, KindRole).toString().toUtf8());
        return mime;
    }
    QStringList mimeTypes() const override { return {DiagramScene::kindMimeType()}; }
};

} // namespace

StencilPalette::StencilPalette(const Catalog &catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(&catalog)
    , m_search(new QLineEdit(this))
    , m_tree(new StencilTree(this))
{
    m_search->setPlaceholderText(tr("Search kinds…"));
    m_search->setClearButtonEnabled(true);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIconSize(QSize(22, 22));
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setIndentation(8);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);
    connect(m_search, &QLineEdit::textChanged, this, &StencilPalette::filter);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const QString kind = item->data(0, KindRole).toString();
        if (!kind.isEmpty())
            Q_EMIT kindActivated(kind);
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString kind = item->data(0, KindRole).toString();
        if (!kind.isEmpty())
            Q_EMIT kindActivated(kind);
    });
    populate();
}

void StencilPalette::populate()
{
    m_tree->clear();
    const QColor iconColor = palette().color(QPalette::Text);
    const std::pair<ElementRole, QString> groups[] = {
        {ElementRole::Process, tr("Processes")},
        {ElementRole::DataStore, tr("Data stores")},
        {ElementRole::ExternalEntity, tr("External entities")},
        {ElementRole::Boundary, tr("Trust boundaries")},
    };
    for (const auto &[role, title] : groups) {
        auto *group = new QTreeWidgetItem(m_tree, {title});
        group->setFlags(Qt::ItemIsEnabled);
        QFont font = group->font(0);
        font.setBold(true);
        group->setFont(0, font);
        for (const ElementKind &kind : m_catalog->elementKinds()) {
            if (kind.role != role)
                continue;
            auto *item = new QTreeWidgetItem(group, {QString::fromStdString(kind.displayName)});
            item->setData(0, KindRole, QString::fromStdString(kind.id));
            item->setIcon(0,
                          KindIcons::instance().icon(QString::fromStdString(kind.id), iconColor));
            item->setToolTip(
                0, QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                       .arg(QString::fromStdString(kind.displayName).toHtmlEscaped(),
                            QString::fromStdString(kind.description).toHtmlEscaped(),
                            tr("Drag onto the canvas, or click and then click the canvas.")));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
    }
    m_tree->expandAll();
    filter(m_search->text());
}

void StencilPalette::filter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        int visible = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool match =
                needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive)
                || item->data(0, KindRole).toString().contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            visible += match ? 1 : 0;
        }
        group->setHidden(visible == 0);
    }
}

void StencilPalette::setCatalog(const Catalog &catalog)
{
    m_catalog = &catalog;
    populate();
}

QTreeWidgetItem *StencilPalette::itemForKind(const QString &kind) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, KindRole).toString() == kind)
            return *it;
    }
    return nullptr;
}

void StencilPalette::changeEvent(QEvent *event)
{
    // Icons are drawn in the text colour; a new palette (dark mode) redraws them.
    if (event->type() == QEvent::PaletteChange)
        populate();
    QWidget::changeEvent(event);
}

} // namespace bulkhead
