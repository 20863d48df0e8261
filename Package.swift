// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "scalectl",
    products: [
        .executable(name: "scalectl", targets: ["scalectl"]),
        .library(name: "ScalingCore", targets: ["ScalingCore"]),
    ],
    targets: [
        // Everything that knows something: the guide as tables, readers, evaluation, rendering, the command line.
        .target(name: "ScalingCore"),
        // The thin executable: process arguments, environment and exit code around `ScalectlCommand.run`.
        .executableTarget(name: "scalectl", dependencies: ["ScalingCore"]),
        // Depends on the executable too, so `swift test` builds the binary the end-to-end tests run.
        .testTarget(name: "ScalingCoreTests", dependencies: ["ScalingCore", "scalectl"]),
    ]
)
