package sohbet.core;

/** A page of the owner's site, as the embedded chat's visitor reported it: its address and title. */
public record VisitedPage(String url, String title) {
}
