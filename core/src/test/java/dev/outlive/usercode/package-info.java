/**
 * Tests whose stacks must look like application code: Outlive strips the frames of its own packages
 * ({@code dev.outlive.core} and the like) from every reported stack, so these tests live outside them.
 */
package dev.outlive.usercode;
