import Mustache
import RelaisCore
import RelaisUseCases

// Mustache finds a value by name. Without help it reflects the whole value (`Mirror`) at every
// `{{name}}`, which made rendering the costliest part of a page (STACK-NOTES). A `child(named:)`
// switch answers at once for the view models read on every page or many times per page. A name the
// switch does not know falls back to reflection, so a field added later still renders, only slower.
// Write `self.field` in these switches: the parameter `name` hides a property called `name`.

extension MustacheParent {
    /// The stored property `name` of `self`, found by reflection, with an optional unwrapped.
    func reflectedChild(named name: String) -> Any? {
        guard let value = Mirror(reflecting: self).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

extension LayoutModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "viewer": viewer
        case "signInURL": signInURL
        case "nav": nav
        case "demo": demo
        case "stylesheet": stylesheet
        case "homeURL": homeURL
        case "aboutURL": aboutURL
        case "vademecumURL": vademecumURL
        case "parcoursURL": parcoursURL
        case "directoryURL": directoryURL
        case "searchURL": searchURL
        case "axes": axes
        default: reflectedChild(named: name)
        }
    }
}

extension LayoutModel.NavItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "current": current
        default: reflectedChild(named: name)
        }
    }
}

extension DirectoryController.IndexPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": layout
        case "mapSVG": mapSVG
        case "attribution": attribution
        case "legend": legend
        case "regions": regions
        case "parcoursURL": parcoursURL
        default: reflectedChild(named: name)
        }
    }
}

extension DirectoryController.IndexPage.RegionGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "name": self.name
        case "departements": departements
        default: reflectedChild(named: name)
        }
    }
}

extension DirectoryController.IndexPage.DepartementItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "name": self.name
        case "href": href
        case "cssClass": cssClass
        case "summary": summary
        default: reflectedChild(named: name)
        }
    }
}

extension SearchController.SearchPage.Hit: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "titleHTML": titleHTML
        case "excerptHTML": excerptHTML
        case "href": href
        default: reflectedChild(named: name)
        }
    }
}

extension CorrespondentItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "firstName": firstName
        case "position": position
        case "presentation": presentation
        case "place": place
        case "axes": axes
        case "absentUntil": absentUntil
        default: reflectedChild(named: name)
        }
    }
}

extension CoverageLegendItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "cssClass": cssClass
        case "label": label
        case "count": count
        default: reflectedChild(named: name)
        }
    }
}

extension DirectoryController.DepartementPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": layout
        case "name": self.name
        case "code": code
        case "regionName": regionName
        case "cssClass": cssClass
        case "summary": summary
        case "patternsSVG": patternsSVG
        case "local": local
        case "regional": regional
        case "national": national
        case "fallback": fallback
        case "openCaseURL": openCaseURL
        case "parcoursURL": parcoursURL
        case "directoryURL": directoryURL
        default: reflectedChild(named: name)
        }
    }
}

extension SearchController.SearchPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": layout
        case "action": action
        case "query": query
        case "searched": searched
        case "status": status
        case "groups": groups
        case "nothingFound": nothingFound
        case "situations": situations
        case "parcoursURL": parcoursURL
        case "directoryURL": directoryURL
        case "vademecumURL": vademecumURL
        default: reflectedChild(named: name)
        }
    }
}

extension SearchController.SearchPage.Group: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "label": label
        case "count": count
        case "hits": hits
        default: reflectedChild(named: name)
        }
    }
}

extension SituationLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "summary": summary
        case "href": href
        case "urgent": urgent
        case "urgency": urgency
        default: reflectedChild(named: name)
        }
    }
}

// The personal parcours: the page read most after the home page, rendered for every set of answers
// (never cached, since the answers are personal).

extension ParcoursController.SituationPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "title": self.title
        case "summary": self.summary
        case "urgent": self.urgent
        case "urgency": self.urgency
        case "personal": self.personal
        case "place": self.place
        case "groups": self.groups
        case "correspondents": self.correspondents
        case "correspondentsIntro": self.correspondentsIntro
        case "partners": self.partners
        case "morePartners": self.morePartners
        case "crisis": self.crisis
        case "calendar": self.calendar
        case "calendarDisclaimer": self.calendarDisclaimer
        case "calendarHint": self.calendarHint
        case "openCaseURL": self.openCaseURL
        case "changeAnswersURL": self.changeAnswersURL
        case "parcoursURL": self.parcoursURL
        default: reflectedChild(named: name)
        }
    }
}

extension ParcoursController.SituationPage.Step: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "title": self.title
        case "body": self.body
        case "factSheets": self.factSheets
        case "partnerKinds": self.partnerKinds
        default: reflectedChild(named: name)
        }
    }
}

extension ParcoursController.SituationPage.AxisGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "axis": self.axis
        case "steps": self.steps
        default: reflectedChild(named: name)
        }
    }
}

extension ParcoursController.SituationPage.Correspondent: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "firstName": self.firstName
        case "position": self.position
        case "presentation": self.presentation
        case "place": self.place
        case "axes": self.axes
        case "absentUntil": self.absentUntil
        default: reflectedChild(named: name)
        }
    }
}

extension ParcoursController.SituationPage.CalendarLine: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "date": self.date
        case "explanation": self.explanation
        case "source": self.source
        case "alert": self.alert
        case "warning": self.warning
        default: reflectedChild(named: name)
        }
    }
}

extension PartnerCard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": self.key
        case "name": self.name
        case "kind": self.kind
        case "description": self.description
        case "offer": self.offer
        case "website": self.website
        case "national": self.national
        default: reflectedChild(named: name)
        }
    }
}

extension FactSheetLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "summary": self.summary
        case "href": self.href
        case "axis": self.axis
        case "needsCheck": self.needsCheck
        default: reflectedChild(named: name)
        }
    }
}

extension AxisLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": self.code
        case "label": self.label
        case "summary": self.summary
        case "href": self.href
        default: reflectedChild(named: name)
        }
    }
}
