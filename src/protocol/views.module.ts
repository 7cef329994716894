import { Module } from '@nestjs/common';
import { ViewRenderer } from '../pages/view-renderer.service';

/** The page renderer, one for every module with pages. */
@Module({ providers: [ViewRenderer], exports: [ViewRenderer] })
export class ViewsModule {}
