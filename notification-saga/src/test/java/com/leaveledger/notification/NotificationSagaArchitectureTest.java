package com.leaveledger.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.leaveledger", importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationSagaArchitectureTest {

    @ArchTest
    static final ArchRule theNotificationSagaNeverDependsOnCommandOrQuerySide = noClasses()
            .that().resideInAPackage("com.leaveledger.notification..")
            .should().dependOnClassesThat().resideInAnyPackage("com.leaveledger.command..", "com.leaveledger.query..");

    @ArchTest
    static final ArchRule theSagaDecidesButNeverTalksToProviders = noClasses()
            .that().resideInAPackage("..notification.saga..")
            .should().dependOnClassesThat().resideInAnyPackage("..notification.channel..", "..notification.web..",
                    "..notification.deadletter..", "..notification.directory..");

    @ArchTest
    static final ArchRule providerAdaptersKnowNothingOfSagaOrDeliveries = noClasses()
            .that().resideInAPackage("..notification.channel..")
            .should().dependOnClassesThat().resideInAnyPackage("..notification.saga..", "..notification.delivery..",
                    "..notification.deadletter..", "..notification.web..", "org.axonframework..");

    @ArchTest
    static final ArchRule deliveriesDoNotDependOnTheSagaTheApiOrTheDeadLetterQueue = noClasses()
            .that().resideInAPackage("..notification.delivery..")
            .should().dependOnClassesThat().resideInAnyPackage("..notification.saga..", "..notification.web..",
                    "..notification.deadletter..");
}
