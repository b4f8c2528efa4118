package app.pacer.core.org;

public enum Platform { SLACK, TEAMS }
